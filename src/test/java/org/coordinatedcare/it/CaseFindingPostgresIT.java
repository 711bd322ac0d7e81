package org.coordinatedcare.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coordinatedcare.Diagram.CaseFinding;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.casefinding.CandidateFinder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Case finding on PostgreSQL, in a database of its own: a small population is imported as FHIR NDJSON, a Walworth GP
 * runs case finding over our API, reviews the list over the engine REST API as Tasklist would, and the confirmed
 * patient's pathway starts exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "postgres"})
class CaseFindingPostgresIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CandidateFinder candidateFinder;

    @Autowired
    PlatformTransactionManager transactions;

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        String url = ItDatabase.freshUrl("coordinated_care_cfit_");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("camunda.bpm.admin-user.password", () -> CoordinatedCarePostgresIT.ADMIN_PASSWORD);
        registry.add("demo.patients-per-practice", () -> "6");
    }

    private static String patient(String id, LocalDate born) {
        return """
                {"resourceType":"Patient","id":"%s","name":[{"family":"Import","given":["%s"]}],"birthDate":"%s",\
                "generalPractitioner":[{"identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"A10002"}}]}""".formatted(id, id, born);
    }

    private static String condition(String id, String patient, String code, String status) {
        return """
                {"resourceType":"Condition","id":"%s",\
                "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},\
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]},"subject":{"reference":"Patient/%s"},\
                "onsetDateTime":"2018-01-01"%s}""".formatted(
                id, status, code, patient, "resolved".equals(status) ? ",\"abatementDateTime\":\"2019-01-01\"" : "");
    }

    @Test
    void importsAPopulationRunsCaseFindingOverRestAndStartsThePathwayOfTheConfirmedPatientOnce() throws Exception {
        LocalDate adult = LocalDate.of(1948, 3, 3);
        String ndjson = String.join(
                        "\n",
                        patient("cfit-three", adult),
                        condition("cfit-three-1", "cfit-three", "38341003", "active"),
                        condition("cfit-three-2", "cfit-three", "59621000", "active"),
                        condition("cfit-three-3", "cfit-three", "44054006", "active"),
                        condition("cfit-three-4", "cfit-three", "13645005", "active"),
                        patient("cfit-twice", adult),
                        condition("cfit-twice-1", "cfit-twice", "38341003", "active"),
                        condition("cfit-twice-2", "cfit-twice", "59621000", "active"),
                        condition("cfit-twice-3", "cfit-twice", "44054006", "active"),
                        patient("cfit-resolved", adult),
                        condition("cfit-resolved-1", "cfit-resolved", "38341003", "active"),
                        condition("cfit-resolved-2", "cfit-resolved", "44054006", "active"),
                        condition("cfit-resolved-3", "cfit-resolved", "13645005", "resolved"),
                        patient("cfit-child", LocalDate.now().minusYears(17)),
                        condition("cfit-child-1", "cfit-child", "195967001", "active"),
                        condition("cfit-child-2", "cfit-child", "44054006", "active"),
                        condition("cfit-child-3", "cfit-child", "84757009", "active"))
                + "\n";
        HttpResponse<String> imported = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/fhir/import"))
                                .header("Content-Type", "application/fhir+ndjson")
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                ("admin:" + CoordinatedCarePostgresIT.ADMIN_PASSWORD)
                                                                        .getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isBetween(200, 299);

        EngineRestClient rest = new EngineRestClient(port);
        assertThat(rest.post("drlee", "/api/case-finding/runs", Map.of("practice", "A10002"))
                        .status())
                .isEqualTo(403);
        EngineRestClient.Reply started = rest.post("drwright", "/api/case-finding/runs", Map.of("practice", "A10002"));
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        long runId = started.body().get("runId").asLong();

        JsonNode run = awaitStatus(rest, runId, "IN_REVIEW");
        Map<String, JsonNode> byFhirId = new LinkedHashMap<>();
        run.get("candidates").forEach(c -> byFhirId.put(c.get("patientId").asText(), c));
        assertThat(byFhirId).containsKey("cfit-three").doesNotContainKeys("cfit-twice", "cfit-resolved", "cfit-child");
        JsonNode three = byFhirId.get("cfit-three");
        assertThat(three.get("ltcCount").asInt()).isEqualTo(3);
        assertThat(three.get("ltcCategories"))
                .extracting(JsonNode::asText)
                .containsExactly("COPD", "Diabetes", "Hypertension");
        // scored and explained as each row went into the COPY
        assertThat(three.get("cmsScore").decimalValue()).isPositive();
        assertThat(three.get("cmsBreakdown")).hasSize(3);
        assertThat(three.get("evidence").get("conditions"))
                .extracting(
                        c -> c.get("category").asText() + " " + c.get("code").asText())
                .containsExactly(
                        "COPD 13645005", "Diabetes 44054006", "Hypertension 38341003", "Hypertension 59621000");
        assertThat(three.get("evidence").get("conditions"))
                .allSatisfy(c -> assertThat(c.get("onsetDate").asText()).isEqualTo("2018-01-01"));

        // the review, as Tasklist submits it: confirm the imported patient, exclude the rest with a reason
        JsonNode task = rest.awaitTask("drwright", "case-finding-" + runId, CaseFinding.REVIEW_CASE_FINDING_LIST);
        assertThat(rest.tasks("drlee", "case-finding-" + runId, CaseFinding.REVIEW_CASE_FINDING_LIST))
                .isEmpty();
        JsonNode value = rest.get(
                        "drwright",
                        "/engine-rest/task/" + task.get("id").asText()
                                + "/form-variables?variableNames=candidateChoices&deserializeValues=false")
                .body()
                .get("candidateChoices")
                .get("value");
        JsonNode choices = value.isTextual() ? JSON.readTree(value.asText()) : value;
        assertThat(choices).hasSize(run.get("candidates").size());
        List<String> confirmed = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (JsonNode choice : choices) {
            String listNo = choice.get("value").asText();
            (listNo.equals(three.get("listNo").asText()) ? confirmed : excluded).add(listNo);
        }
        assertThat(confirmed).hasSize(1);
        EngineRestClient.Reply incomplete = rest.post(
                "drwright",
                "/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                Map.of(
                        "variables",
                        Map.of("confirmed", Map.of("value", JSON.writeValueAsString(confirmed), "type", "Json"))));
        assertThat(incomplete.status()).isEqualTo(400);
        EngineRestClient.Reply submitted = rest.post(
                "drwright",
                "/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                Map.of(
                        "variables",
                        Map.of(
                                "confirmed", Map.of("value", JSON.writeValueAsString(confirmed), "type", "Json"),
                                "excludeNotAppropriate",
                                        Map.of("value", JSON.writeValueAsString(excluded), "type", "Json"),
                                "otherExclusionNote", Map.of("value", "", "type", "String"))));
        assertThat(submitted.status()).as(String.valueOf(submitted.body())).isBetween(200, 204);

        JsonNode completed = awaitStatus(rest, runId, "COMPLETED");
        completed
                .get("candidates")
                .forEach(c -> assertThat(c.get("decision").asText()).isIn("CONFIRMED", "EXCLUDED"));
        long patientId = jdbc.sql("select id from patient where fhir_id = 'cfit-three'")
                .query(Long.class)
                .single();
        // the pathway is keyed by the FHIR id the patient was imported with
        assertThat(rest.tasks("drwright", "cfit-three", CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL))
                .hasSize(1);
        assertThat(jdbc.sql("select count(*) from episode where patient_id = ?")
                        .param(patientId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // a second run lists neither the confirmed (on the pathway) nor the excluded
        long second = rest.post("drwright", "/api/case-finding/runs", Map.of("practice", "A10002"))
                .body()
                .get("runId")
                .asLong();
        assertThat(awaitStatus(rest, second, "COMPLETED").get("candidates")).isEmpty();
    }

    @Test
    void nothingDeletesAPatientOrAListThatACandidateNamesAndTheEvidenceIsCompressed() {
        OpenRun open = openRunWithItsList("A10002");
        long practiceId = open.practiceId();
        long patientId = open.patientId();
        long runId = open.runId();
        jdbc.sql("""
                        insert into case_finding_candidate (run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons)
                        values (?, ?, ?, 3, 'A|B|C', 'three')""").params(runId, patientId, practiceId).update();

        // ADR 0030: the candidate has no foreign key on either, and the triggers refuse what the keys refused
        assertThatThrownBy(() -> jdbc.sql("delete from patient where id = ?")
                        .param(patientId)
                        .update())
                .hasMessageContaining("patient " + patientId + " is named by a case-finding candidate");
        assertThatThrownBy(() -> jdbc.sql("update patient set id = -id where id = ?")
                        .param(patientId)
                        .update())
                .hasMessageContaining("is named by a case-finding candidate");
        assertThatThrownBy(() -> jdbc.sql("delete from case_finding_list where run_id = ?")
                        .param(runId)
                        .update())
                .hasMessageContaining("is named by its candidates");
        assertThat(jdbc.sql("""
                        select attcompression from pg_attribute
                        where attrelid = 'case_finding_candidate'::regclass and attname = 'evidence'""").query(String.class).single()).isEqualTo("l");

        jdbc.sql("delete from case_finding_candidate where run_id = ?")
                .param(runId)
                .update();
        assertThat(jdbc.sql("delete from case_finding_list where run_id = ?")
                        .param(runId)
                        .update())
                .as("once no candidate names it, the list can go")
                .isEqualTo(1);
        jdbc.sql("delete from case_finding_run where id = ?").param(runId).update();
    }

    @Test
    void candidatesGoInByCopyExactlyAsWrittenAndTheRunsCheckStillRefusesAnUnknownPatient() {
        OpenRun open = openRunWithItsList("A10002");
        long practiceId = open.practiceId();
        long patientId = open.patientId();
        long runId = open.runId();
        // COPY's text form escapes these; written as they came, they would split a row or a column
        String evidence =
                "{\"v\":2,\"c\":[[\"1\",null,\"back\\\\slash\\ttab\"]],\"t\":\"tab\there, line\nand\r\\N é\"}";
        Object[] row = {runId, patientId, practiceId, 3, "A|B\tC", "3 LTCs\\N", new BigDecimal("1.23"), null, evidence};
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        long missing =
                jdbc.sql("select max(id) + 1000 from patient").query(Long.class).single();
        Object[] unknown = {runId, missing, practiceId, 3, "A|B|C", "3 LTCs", BigDecimal.ONE, null, null};
        assertThatThrownBy(() ->
                        transaction.executeWithoutResult(status -> candidateFinder.store(runId, List.of(row, unknown))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not exist");
        assertThat(jdbc.sql("select count(*) from case_finding_candidate where run_id = ?")
                        .param(runId)
                        .query(Long.class)
                        .single())
                .as("the copied rows roll back with the run")
                .isZero();

        transaction.executeWithoutResult(status -> candidateFinder.store(runId, List.<Object[]>of(row)));
        Map<String, Object> stored = jdbc.sql("""
                        select ltc_count, ltc_categories, reasons, cms_score, cms_breakdown, evidence
                        from case_finding_candidate where run_id = ?""").param(runId).query().singleRow();
        assertThat(stored)
                .containsEntry("ltc_count", 3)
                .containsEntry("ltc_categories", "A|B\tC")
                .containsEntry("reasons", "3 LTCs\\N")
                .containsEntry("cms_score", new BigDecimal("1.23"))
                .containsEntry("cms_breakdown", null)
                .containsEntry("evidence", evidence);

        jdbc.sql("delete from case_finding_candidate where run_id = ?")
                .param(runId)
                .update();
        jdbc.sql("delete from case_finding_list where run_id = ?").param(runId).update();
        jdbc.sql("delete from case_finding_run where id = ?").param(runId).update();
    }

    private static JsonNode awaitStatus(EngineRestClient rest, long runId, String status) {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode run = null;
        while (System.currentTimeMillis() < deadline) {
            EngineRestClient.Reply reply = rest.get("drwright", "/api/case-finding/runs/" + runId);
            assertThat(reply.status()).isEqualTo(200);
            run = reply.body();
            if (status.equals(run.get("status").asText())) {
                return run;
            }
            EngineRestClient.pause();
        }
        throw new AssertionError("Run " + runId + " never reached " + status + ": " + run);
    }

    record OpenRun(long practiceId, long patientId, long runId) {}

    /** A requested run of one practice, its list, and the practice's first patient, written as SQL. */
    private OpenRun openRunWithItsList(String odsCode) {
        long practiceId = jdbc.sql("select id from practice where ods_code = ?")
                .param(odsCode)
                .query(Long.class)
                .single();
        long patientId = jdbc.sql("select min(id) from patient where practice_id = ?")
                .param(practiceId)
                .query(Long.class)
                .single();
        long runId = jdbc.sql("""
                        insert into case_finding_run (practice_id, trigger_kind, status, requested_at, requested_by)
                        values (?, 'REQUEST', 'REQUESTED', current_timestamp, 'it') returning id""").param(practiceId).query(Long.class).single();
        jdbc.sql("insert into case_finding_list (run_id, practice_id) values (?, ?)")
                .params(runId, practiceId)
                .update();
        return new OpenRun(practiceId, patientId, runId);
    }
}
