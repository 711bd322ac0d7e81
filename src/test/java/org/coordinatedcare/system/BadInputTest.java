package org.coordinatedcare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coordinatedcare.FormAnswers.CARE_PLANNING_MEETING;
import static org.junit.jupiter.api.Named.named;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.document.DocumentKind;
import org.coordinatedcare.document.PatientDocumentRepository;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bad requests to our API, the register import and task completion over the engine REST API (as Tasklist sends it):
 * each is answered with RFC 7807 problem JSON, a 4xx status and the field to correct, shows no exception or stack
 * trace, and writes nothing (every table of the database, the engine's included, keeps its row count).
 */
class BadInputTest extends LiveServerTestSupport {

    private static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final String SCRIPT = "<script>alert(1)</script>";

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    CarePlanRepository carePlans;

    @Autowired
    PatientDocumentRepository documents;

    /** Prepares what the case needs (a patient, an open task), then returns the bad request to send. */
    interface Scenario extends Function<BadInputTest, Supplier<Reply>> {}

    private static Arguments refused(String name, int status, String field, Scenario scenario) {
        return Arguments.of(named(name, scenario), status, field);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // our API: pathway events
                refused("event missing", 400, "event", t -> t.event(t.identified(), "{}")),
                refused(
                        "event not one of the events",
                        400,
                        "event",
                        t -> t.event(t.identified(), "{\"event\":\"PATIENT_EXPLODED\"}")),
                refused(
                        "event of the wrong JSON type",
                        400,
                        "event",
                        t -> t.event(t.identified(), "{\"event\":[\"PATIENT_DIED\"]}")),
                refused("event body is malformed JSON", 400, "body", t -> t.event(t.identified(), "{\"event\":")),
                refused("event without a body", 400, "body", t -> t.event(t.identified(), null)),
                refused("event sent as plain text", 415, "Content-Type", t -> {
                    Patient p = t.identified();
                    return () -> t.send(
                            "drlee",
                            "POST",
                            "/api/patients/" + p.fhirId() + "/pathway/events",
                            "text/plain",
                            "PATIENT_DIED");
                }),
                refused(
                        "event body over the size limit",
                        413,
                        "body",
                        t -> t.event(
                                t.identified(),
                                "{\"event\":\"PATIENT_DIED\",\"note\":\"" + "x".repeat(300_000) + "\"}")),
                refused(
                        "event for an unknown patient id, refused as another practice's is",
                        403,
                        "patientId",
                        t -> () -> t.send(
                                "drlee",
                                "POST",
                                "/api/patients/987654321/pathway/events",
                                "application/json",
                                "{\"event\":\"PATIENT_DIED\"}")),
                refused(
                        "event for a patient that is neither a FHIR id nor an NHS-number token",
                        400,
                        "patientId",
                        t -> () -> t.send(
                                "drlee",
                                "POST",
                                "/api/patients/Ada%20Lovelace/pathway/events",
                                "application/json",
                                "{\"event\":\"PATIENT_DIED\"}")),
                refused("event for another practice's patient", 403, "patientId", t -> {
                    Patient p = t.identified();
                    return () -> t.send(
                            "drwright",
                            "POST",
                            "/api/patients/" + p.fhirId() + "/pathway/events",
                            "application/json",
                            "{\"event\":\"PATIENT_DIED\"}");
                }),
                refused(
                        "event for a patient with no active pathway",
                        409,
                        "patientId",
                        t -> t.event(t.newPatient("A10001"), "{\"event\":\"PATIENT_DIED\"}")),
                refused(
                        "pathway of an unknown patient id, refused as another practice's is",
                        403,
                        "patientId",
                        t -> () -> t.get("drlee", "/api/patients/987654321/pathway")),
                refused(
                        "audit of an unknown patient id, refused as another practice's is",
                        403,
                        "patientId",
                        t -> () -> t.get("drlee", "/api/patients/987654321/audit")),
                refused(
                        "an unknown document id",
                        404,
                        "documentId",
                        t -> () -> t.get("drlee", "/api/documents/987654321")),

                // the register import
                refused(
                        "import body that is not JSON",
                        400,
                        "body",
                        t -> t.importing("application/fhir+json", "Patient,Ada,Lovelace")),
                refused(
                        "import of a single resource instead of a Bundle",
                        400,
                        "resourceType",
                        t -> t.importing("application/fhir+json", patient("p1", "9434765919"))),
                refused(
                        "import Bundle whose entry is not an array",
                        400,
                        "entry",
                        t -> t.importing(
                                "application/fhir+json",
                                "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":{\"resource\":{}}}")),
                refused(
                        "import NDJSON of which no line is a resource",
                        400,
                        "body",
                        t -> t.importing("application/fhir+ndjson", "not json\nstill not json\n")),
                refused("import with an empty body", 400, "body", t -> t.importing("application/fhir+ndjson", "")),
                refused(
                        "import in a format we do not read",
                        415,
                        "Content-Type",
                        t -> t.importing("text/csv", "nhs,name\n")),
                refused(
                        "import transaction with an invalid NHS number",
                        422,
                        "entry[1]",
                        t -> t.importing(
                                "application/fhir+json",
                                transaction(
                                        patient("ok" + System.nanoTime(), "9434765919"),
                                        patient("bad" + System.nanoTime(), "9434765918")))),
                refused(
                        "import transaction with a condition of an unknown patient",
                        422,
                        "entry[0]",
                        t -> t.importing(
                                "application/fhir+json",
                                transaction("{\"resourceType\":\"Condition\",\"id\":\"c" + System.nanoTime()
                                        + "\",\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"38341003\"}]},"
                                        + "\"subject\":{\"reference\":\"Patient/nobody-here\"}}"))),
                refused(
                        "import body over the size limit",
                        413,
                        "body",
                        t -> t.importing("application/fhir+ndjson", organizations(12_000))),
                refused(
                        "import body over the size limit, sent without a length",
                        413,
                        "body",
                        t -> () -> t.send(
                                "demo",
                                "POST",
                                "/api/fhir/import",
                                "application/fhir+ndjson",
                                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                        organizations(12_000).getBytes(StandardCharsets.UTF_8))),
                                Map.of())),

                // task completion as Tasklist does it (submit-form) and as other clients do (complete)
                refused(
                        "named professional missing",
                        400,
                        "namedProfessional",
                        t -> t.submit(
                                "drlee",
                                t.identified(),
                                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                                form("assignmentNote", "Knows her"))),
                refused(
                        "named professional who does not exist",
                        400,
                        "namedProfessional",
                        t -> t.submit(
                                "drlee",
                                t.identified(),
                                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                                form("namedProfessional", "drnobody"))),
                refused(
                        "named professional of another practice",
                        400,
                        "namedProfessional",
                        t -> t.submit(
                                "drlee",
                                t.identified(),
                                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                                form("namedProfessional", "nursebrown"))),
                refused(
                        "named professional in the wrong role",
                        400,
                        "namedProfessional",
                        t -> t.submit(
                                "drlee",
                                t.identified(),
                                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                                form("namedProfessional", "coordsmith"))),
                refused("invitation response not one of the choices", 400, "invitationResponse", t -> {
                    Patient p = t.identified();
                    t.complete(p, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL, "namedProfessional", "drpatel");
                    return t.submit(
                            "coordsmith",
                            p,
                            CoordinatedCare.RECORD_INVITATION_RESPONSE,
                            form("invitationResponse", "maybe"));
                }),
                refused(
                        "care plan without what matters to the person",
                        400,
                        "whatMattersToMe",
                        t -> t.meeting(plan("whatMattersToMe", null))),
                refused(
                        "care plan with what matters longer than 4000 characters",
                        400,
                        "whatMattersToMe",
                        t -> t.meeting(plan("whatMattersToMe", "x".repeat(4001)))),
                refused(
                        "care plan review date in the past",
                        400,
                        "reviewDate",
                        t -> t.meeting(
                                plan("reviewDate", LocalDate.now().minusDays(1).toString()))),
                refused(
                        "care plan review date that is not a date",
                        400,
                        "reviewDate",
                        t -> t.meeting(plan("reviewDate", "next Tuesday"))),
                refused(
                        "care plan shared with a recipient that does not exist",
                        400,
                        "sharedWith",
                        t -> t.meeting(plan("sharedWith", List.of("NEIGHBOURS")))),
                refused(
                        "care plan shared beyond the person without consent",
                        400,
                        "consentToShare",
                        t -> t.meeting(plan("consentToShare", false))),
                refused("care plan action due date of the wrong variable type", 400, "actionDue1", t -> {
                    Patient p = t.atCarePlanningMeeting();
                    String task =
                            t.task(p, CarePlanning.HOLD_CARE_PLANNING_MEETING).getId();
                    Map<String, Object> body =
                            Map.of("variables", Map.of("actionDue1", Map.of("value", "soon", "type", "Date")));
                    return () -> t.postJson("drpatel", "/engine-rest/task/" + task + "/complete", body);
                }),
                refused("completion body that is malformed JSON", 400, "body", t -> {
                    String task = t.task(t.identified(), CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL)
                            .getId();
                    return () -> t.send(
                            "drlee",
                            "POST",
                            "/engine-rest/task/" + task + "/submit-form",
                            "application/json",
                            "{\"variables\":");
                }),
                refused("completion variables of the wrong JSON shape", 400, "variables", t -> {
                    String task = t.task(t.identified(), CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL)
                            .getId();
                    return () -> t.send(
                            "drlee",
                            "POST",
                            "/engine-rest/task/" + task + "/complete",
                            "application/json",
                            "{\"variables\":[\"drpatel\"]}");
                }),
                refused("completing a task twice", 404, "taskId", t -> {
                    Patient p = t.identified();
                    String task =
                            t.task(p, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();
                    Reply first = t.postJson(
                            "drlee",
                            "/engine-rest/task/" + task + "/submit-form",
                            form("namedProfessional", "drpatel"));
                    assertThat(first.status()).as(first.toString()).isEqualTo(204);
                    return () -> t.postJson(
                            "drlee",
                            "/engine-rest/task/" + task + "/submit-form",
                            form("namedProfessional", "drpatel"));
                }),
                refused(
                        "completing another practice's task",
                        403,
                        "taskId",
                        t -> t.submit(
                                "drwright",
                                t.identified(),
                                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                                form("namedProfessional", "drwright"))),
                refused("completing a task with a plain REST complete from another practice", 403, "taskId", t -> {
                    String task = t.task(t.identified(), CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL)
                            .getId();
                    return () -> t.postJson(
                            "drwright",
                            "/engine-rest/task/" + task + "/complete",
                            form("namedProfessional", "drwright"));
                }),

                // starting a pathway by hand (the start form)
                refused(
                        "referral of an unknown patient id, refused as another practice's is",
                        403,
                        "patientId",
                        t -> () -> t.postJson(
                                "drlee",
                                "/engine-rest/process-definition/key/coordinated-care/submit-form",
                                form("patientId", "987654321"))),
                refused(
                        "referral with a patient that is neither a FHIR id nor an NHS-number token",
                        400,
                        "patientId",
                        t -> () -> t.postJson(
                                "drlee",
                                "/engine-rest/process-definition/key/coordinated-care/submit-form",
                                form("patientId", "Ada Lovelace"))),
                refused("referral of another practice's patient", 403, "patientId", t -> {
                    Patient p = t.newPatient("A10001");
                    return () -> t.postJson(
                            "drwright",
                            "/engine-rest/process-definition/key/coordinated-care/submit-form",
                            form("patientId", p.fhirId()));
                }),
                refused("referral of a patient already on the pathway", 409, "patientId", t -> {
                    Patient p = t.identified();
                    return () -> t.postJson(
                            "drlee",
                            "/engine-rest/process-definition/key/coordinated-care/submit-form",
                            form("patientId", p.fhirId()));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithProblemJsonNamingTheFieldAndWritesNothing(Scenario scenario, int status, String field) {
        Supplier<Reply> request = scenario.apply(this);
        Map<String, Integer> before = rowCounts();

        Reply reply = request.get();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.toString()).isEqualTo("application/problem+json");
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("field").asText()).as(reply.toString()).isEqualTo(field);
        assertThat(reply.json().path("title").asText()).isNotBlank();
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        assertThat(reply.text())
                .as("no exception or stack trace")
                .doesNotContain("Exception", "org.camunda", "org.springframework", "java.", "\tat ");
        assertThat(rowCounts()).as("nothing written").isEqualTo(before);
    }

    @Test
    void tasklistShowsTheRefusalsPlainMessage() {
        Reply reply = submit(
                        "drlee",
                        identified(),
                        CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                        form("namedProfessional", "coordsmith"))
                .get();

        assertThat(reply.json().path("message").asText())
                .isEqualTo(reply.json().path("detail").asText())
                .isEqualTo("'coordsmith' is not a GP or practice nurse at practice A10001.");
    }

    @Test
    void scriptInFreeTextIsStoredAsGivenAndShownEscapedInTheSharedPlan() {
        Patient patient = atCarePlanningMeeting();
        Map<String, Object> values = plan("whatMattersToMe", SCRIPT);
        values.put("goals", "<b>Walk</b> & talk");

        Reply reply = meeting(patient, values).get();
        runJobs(); // the plan is shared after the meeting's async boundary

        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
        long episodeId =
                episodes.findByActivePatientId(patient.id()).orElseThrow().id();
        var plan = carePlans.findByEpisodeIdOrderByVersion(episodeId).get(0);
        assertThat(plan.whatMattersToMe()).isEqualTo(SCRIPT);
        assertThat(plan.goals()).isEqualTo("<b>Walk</b> & talk");
        long documentId = documents.findByPatientIdOrderByCreatedAt(patient.id()).stream()
                .filter(d -> d.kind() == DocumentKind.CARE_PLAN)
                .findFirst()
                .orElseThrow()
                .id();
        Reply page = get("drpatel", "/api/documents/" + documentId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html");
        assertThat(page.text())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;Walk&lt;/b&gt; &amp; talk")
                .doesNotContain(SCRIPT, "<b>Walk</b>");
        // our JSON API returns the text as typed: JSON is data, not markup
        Reply pathway = get("drpatel", "/api/patients/" + patient.fhirId() + "/pathway");
        assertThat(pathway.json().findValuesAsText("whatMattersToMe")).containsExactly(SCRIPT);
    }

    // Requests

    private Supplier<Reply> event(Patient patient, String body) {
        return () -> send(
                "drlee",
                "POST",
                "/api/patients/" + patient.fhirId() + "/pathway/events",
                body == null ? null : "application/json",
                body);
    }

    private Supplier<Reply> importing(String contentType, String body) {
        return () -> send("demo", "POST", "/api/fhir/import", contentType, body);
    }

    private Supplier<Reply> submit(String user, Patient patient, String taskKey, Map<String, Object> form) {
        String task = task(patient, taskKey).getId();
        return () -> postJson(user, "/engine-rest/task/" + task + "/submit-form", form);
    }

    /** The care-planning meeting's form, as its named professional submits it from Tasklist. */
    private Supplier<Reply> meeting(Map<String, Object> values) {
        return meeting(atCarePlanningMeeting(), values);
    }

    private Supplier<Reply> meeting(Patient patient, Map<String, Object> values) {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        values.forEach((key, value) -> variables.put(
                key,
                value instanceof List<?> list
                        ? Map.of("value", JsonArray.of(list), "type", "Json")
                        : Map.of("value", value)));
        return submit("drpatel", patient, CarePlanning.HOLD_CARE_PLANNING_MEETING, Map.of("variables", variables));
    }

    /** A complete, valid care plan with one value replaced (null: left out). */
    private static Map<String, Object> plan(String key, Object value) {
        Map<String, Object> values =
                FormAnswers.with(CARE_PLANNING_MEETING, "sharedWith", List.of("PATIENT", "HOSPITAL"));
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return values;
    }

    /** Tasklist sends a checklist as a JSON variable whose value is the array as text. */
    private static final class JsonArray {
        static String of(List<?> values) {
            try {
                return JSON.writeValueAsString(values);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String patient(String id, String nhsNumber) {
        return """
                {"resourceType":"Patient","id":"%s","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],\
                "name":[{"family":"Tester","given":["Ada"]}],"birthDate":"1948-03-01",\
                "generalPractitioner":[{"identifier":{"system":"%s","value":"A10001"}}]}""".formatted(id, nhsNumber, ODS);
    }

    private static String transaction(String... resources) {
        StringBuilder entries = new StringBuilder();
        for (String resource : resources) {
            entries.append(entries.isEmpty() ? "" : ",")
                    .append("{\"resource\":")
                    .append(resource)
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"x\"}}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
    }

    /** NDJSON of valid organizations: if the size limit failed, they would be written. */
    private static String organizations(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("{\"resourceType\":\"Organization\",\"id\":\"big")
                    .append(i)
                    .append("\",\"identifier\":[{\"system\":\"")
                    .append(ODS)
                    .append("\",\"value\":\"B")
                    .append(10000 + i)
                    .append("\"}],\"name\":\"Big ")
                    .append(i)
                    .append("\"}\n");
        }
        return lines.toString();
    }
}
