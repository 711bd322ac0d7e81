package org.coordinatedcare.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;

/**
 * One identity for a patient across every interface (ADR 0019): the FHIR Patient id, or the NHS number as the FHIR
 * token {@code https://fhir.nhs.uk/Id/nhs-number|<number>}; the register's row id is neither an address nor in any
 * answer. drlee is Borough's (A10001) clinician, drwright Walworth's (A10002).
 */
class PatientIdentityTest extends LiveServerTestSupport {

    private static final String START_FORM = "/engine-rest/process-definition/key/coordinated-care/submit-form";

    // The pathway's starts

    @Test
    void theMessageStartTakesTheFhirIdAsBusinessKey() {
        Patient patient = withNhsNumber("A10001");
        Reply started = identify("drlee", patient.fhirId());
        assertThat(started.status()).as(started.toString()).isEqualTo(204);
        assertStartedUnderFhirId(patient);
    }

    @Test
    void theMessageStartTakesTheNhsNumberAndKeysThePathwayByTheFhirId() {
        Patient patient = withNhsNumber("A10001");
        Reply started = identify("drlee", nhsToken(patient));
        assertThat(started.status()).as(started.toString()).isEqualTo(204);
        assertStartedUnderFhirId(patient);
    }

    @Test
    void theStartFormTakesTheFhirIdOrTheNhsNumber() {
        Patient byFhirId = withNhsNumber("A10001");
        Reply first = postJson("drlee", START_FORM, form("patientId", byFhirId.fhirId()));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertStartedUnderFhirId(byFhirId);

        Patient byNhsNumber = withNhsNumber("A10001");
        Reply second = postJson("drlee", START_FORM, form("patientId", nhsToken(byNhsNumber)));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertStartedUnderFhirId(byNhsNumber);
    }

    @Test
    void theRowIdStartsNoPathway() {
        Patient patient = withNhsNumber("A10001");
        String rowId = patient.id().toString();
        Map<String, Integer> before = rowCounts();
        // to a clinician an id that names no one looks like another practice's patient
        assertThat(identify("drlee", rowId).status()).isEqualTo(403);
        assertThat(postJson("drlee", START_FORM, form("patientId", rowId)).status())
                .isEqualTo(403);
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(patient.fhirId())
                        .count())
                .isZero();
    }

    @Test
    void aBareNumberIsAFhirIdWhenAPatientWasImportedWithIt() {
        long practiceId = practices.findByOdsCode("A10001").orElseThrow().id();
        String numeric = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        Patient patient = patients.save(new Patient(
                null, nhsNumber(), "Numeric", "Fhir", LocalDate.of(1950, 5, 5), practiceId, false, numeric));
        assertThat(identify("drlee", numeric).status()).isEqualTo(204);
        assertStartedUnderFhirId(patient);
        assertThat(get("drlee", "/api/patients/" + numeric + "/pathway")
                        .json()
                        .path("patientId")
                        .asText())
                .isEqualTo(numeric);
    }

    @Test
    void theDemosPathwaysAreKeyedByFhirId() {
        // the demo's identified patients were started as a hospital feed would, by FHIR id (case finding's starter
        // is checked in CaseFindingTest)
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("coordinated-care")
                        .processInstanceBusinessKeyLike("demo-%")
                        .count())
                .isPositive();
    }

    // Our API

    @Test
    void thePathwayAndTheAuditAreReadByFhirIdOrNhsNumberAndShowNoRowId() {
        Patient patient = identifiedWithNhsNumber();
        complete(
                patient,
                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                FormAnswers.of(FormAnswers.ASSIGN_NAMED_PROFESSIONAL));
        for (String reference : List.of(patient.fhirId(), encodedNhsToken(patient))) {
            Reply pathway = get("drlee", "/api/patients/" + reference + "/pathway");
            assertThat(pathway.status()).as(reference + " " + pathway).isEqualTo(200);
            assertThat(pathway.json().path("patientId").asText()).isEqualTo(patient.fhirId());
            assertThat(pathway.json().path("episodes")).hasSize(1);
            assertThat(pathway.json().findValues("activePatientId")).isEmpty();
            assertThat(pathway.json().findValuesAsText("patientId")).containsOnly(patient.fhirId());

            Reply audit = get("drlee", "/api/patients/" + reference + "/audit");
            assertThat(audit.status()).as(reference + " " + audit).isEqualTo(200);
            assertThat(audit.json()).isNotEmpty();
            assertThat(audit.json().findValues("patientId")).isEmpty();
        }
        // managers read every practice: a row id is simply no one
        assertThat(get("manager", "/api/patients/" + patient.fhirId() + "/pathway")
                        .status())
                .isEqualTo(200);
        assertThat(get("manager", "/api/patients/" + patient.id() + "/pathway").status())
                .isEqualTo(404);
        assertThat(get("manager", "/api/patients/" + patient.id() + "/audit").status())
                .isEqualTo(404);
    }

    @Test
    void theRowIdIsRefusedAsAnAddressAsAnotherPracticesPatientIs() {
        Patient patient = identifiedWithNhsNumber();
        String rowId = patient.id().toString();
        Reply pathway = get("drlee", "/api/patients/" + rowId + "/pathway");
        Reply audit = get("drlee", "/api/patients/" + rowId + "/audit");
        Reply event = postJson(
                "drlee", "/api/patients/" + rowId + "/pathway/events", Map.of("event", "PATIENT_DECLINED_CARE"));
        Reply otherPractice = get("drwright", "/api/patients/" + patient.fhirId() + "/pathway");
        Reply otherPracticeByNhs = get("drwright", "/api/patients/" + encodedNhsToken(patient) + "/pathway");
        for (Reply reply : List.of(pathway, audit, event, otherPractice, otherPracticeByNhs)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.json().path("detail").asText())
                    .isEqualTo(otherPractice.json().path("detail").asText());
        }
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(patient.fhirId())
                        .count())
                .isOne();
    }

    @Test
    void anEventIsReportedByFhirIdOrNhsNumber() {
        Patient byNhsNumber = identifiedWithNhsNumber();
        Reply reported = postJson(
                "drlee",
                "/api/patients/" + encodedNhsToken(byNhsNumber) + "/pathway/events",
                Map.of("event", "PATIENT_DECLINED_CARE"));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(202);

        Patient byFhirId = identifiedWithNhsNumber();
        Reply second = postJson(
                "drlee",
                "/api/patients/" + byFhirId.fhirId() + "/pathway/events",
                Map.of("event", "PATIENT_DECLINED_CARE"));
        assertThat(second.status()).as(second.toString()).isEqualTo(202);
    }

    @Test
    void aMalformedReferenceIsTheCallersMistake() {
        Reply reply = get("drlee", "/api/patients/Ada%20Lovelace/pathway");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("patientId");
        Reply badNhs = get(
                "drlee",
                "/api/patients/" + URLEncoder.encode(PatientReference.NHS_NUMBER_SYSTEM + "|12", StandardCharsets.UTF_8)
                        + "/pathway");
        assertThat(badNhs.status()).as(badNhs.toString()).isEqualTo(400);
    }

    // Pathways started before ADR 0019, under the row id

    @Test
    void aPathwayStartedUnderTheRowIdKeepsWorking() {
        Patient patient = identifiedWithNhsNumber();
        String rowId = patient.id().toString();
        ProcessInstance legacy = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(patient.fhirId())
                .singleResult();
        // as the engine held a pathway started before: the row id as business key and as patientId
        jdbc.sql("update act_ru_execution set business_key_ = ? where proc_inst_id_ = ?")
                .params(rowId, legacy.getId())
                .update();
        runtime.setVariable(legacy.getId(), "patientId", rowId);

        Task first = tasks.createTaskQuery()
                .processInstanceBusinessKey(rowId)
                .taskDefinitionKey(CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL)
                .singleResult();
        tasks.complete(first.getId(), FormAnswers.of(FormAnswers.ASSIGN_NAMED_PROFESSIONAL));
        runJobs();
        assertThat(tasks.createTaskQuery()
                        .processInstanceId(legacy.getId())
                        .taskDefinitionKey(CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL)
                        .count())
                .as("the pathway took the answer")
                .isZero();
        assertThat(get("drlee", "/api/patients/" + patient.fhirId() + "/pathway")
                        .json()
                        .path("patientId")
                        .asText())
                .isEqualTo(patient.fhirId());
        Reply event = postJson(
                "drlee",
                "/api/patients/" + encodedNhsToken(patient) + "/pathway/events",
                Map.of("event", "PATIENT_DECLINED_CARE"));
        assertThat(event.status()).as(event.toString()).isEqualTo(202);
    }

    // helpers

    private Reply identify(String user, String reference) {
        return postJson(
                user,
                "/engine-rest/message",
                Map.of(
                        "messageName",
                        "PatientIdentified",
                        "businessKey",
                        reference,
                        "processVariables",
                        Map.of("patientId", Map.of("value", reference))));
    }

    private void assertStartedUnderFhirId(Patient patient) {
        runJobs();
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processDefinitionKey("coordinated-care")
                .processInstanceBusinessKey(patient.fhirId())
                .singleResult();
        assertThat(instance).as("pathway keyed by " + patient.fhirId()).isNotNull();
        assertThat(runtime.getVariable(instance.getId(), "patientId")).isEqualTo(patient.fhirId());
    }

    private Patient identifiedWithNhsNumber() {
        Patient patient = withNhsNumber("A10001");
        runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                .processInstanceBusinessKey(patient.fhirId())
                .setVariable("patientId", patient.fhirId())
                .correlateStartMessage();
        runJobs();
        return patient;
    }

    /** A new patient like {@link #newPatient}, with an NHS number and a generated {@code local-} FHIR id. */
    private Patient withNhsNumber(String odsCode) {
        Patient plain = newPatient(odsCode);
        Patient patient = patients.save(new Patient(
                plain.id(),
                nhsNumber(),
                plain.givenName(),
                plain.familyName(),
                plain.birthDate(),
                plain.practiceId(),
                false,
                plain.fhirId()));
        assertThat(patient.fhirId()).startsWith("local-");
        return patient;
    }

    private static String nhsNumber() {
        while (true) {
            String nine =
                    "9" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
            int check = NhsNumber.checkDigit(nine);
            if (check >= 0) {
                return nine + check;
            }
        }
    }

    private static String nhsToken(Patient patient) {
        return PatientReference.nhsNumberToken(patient.nhsNumber());
    }

    private static String encodedNhsToken(Patient patient) {
        return URLEncoder.encode(nhsToken(patient), StandardCharsets.UTF_8);
    }
}
