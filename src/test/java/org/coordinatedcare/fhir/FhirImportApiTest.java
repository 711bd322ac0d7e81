package org.coordinatedcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.coordinatedcare.fhir.Fhir.bloodPressure;
import static org.coordinatedcare.fhir.Fhir.bundle;
import static org.coordinatedcare.fhir.Fhir.condition;
import static org.coordinatedcare.fhir.Fhir.conditionWithoutCode;
import static org.coordinatedcare.fhir.Fhir.emergencyStay;
import static org.coordinatedcare.fhir.Fhir.encounter;
import static org.coordinatedcare.fhir.Fhir.entry;
import static org.coordinatedcare.fhir.Fhir.frailtyCategory;
import static org.coordinatedcare.fhir.Fhir.frailtyScore;
import static org.coordinatedcare.fhir.Fhir.ndjson;
import static org.coordinatedcare.fhir.Fhir.nhsRef;
import static org.coordinatedcare.fhir.Fhir.odsRef;
import static org.coordinatedcare.fhir.Fhir.organization;
import static org.coordinatedcare.fhir.Fhir.patient;
import static org.coordinatedcare.fhir.Fhir.practitioner;
import static org.coordinatedcare.fhir.Fhir.ref;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.coordinatedcare.EngineTest;
import org.coordinatedcare.security.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@EngineTest
class FhirImportApiTest {

    private static final String SNOMED_HYPERTENSION = "38341003";
    private static final String MODERATE_FRAILTY = "925831000000107";

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void users() {
        user("importer", Roles.ADMIN);
        user("clinician", "gp");
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword("secret");
            identity.saveUser(user);
            if (identity.createGroupQuery().groupId(group).count() == 0) {
                identity.saveGroup(identity.newGroup(group));
            }
            identity.createMembership(id, group);
        }
    }

    private record Answer(int status, String contentType, JsonNode body) {
        int count(String resourceType, String outcome) {
            return body.path("resources").path(resourceType).path(outcome).asInt();
        }

        List<JsonNode> rejections() {
            return body.path("rejections").valueStream().toList();
        }
    }

    private Answer send(String contentType, String body) throws Exception {
        return send("importer", contentType, body);
    }

    private Answer send(String login, String contentType, String body) throws Exception {
        MvcResult result = mvc.perform(post("/api/fhir/import")
                        .contentType(contentType)
                        .content(body)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString((login + ":secret").getBytes(StandardCharsets.UTF_8))))
                .andReturn();
        String text = result.getResponse().getContentAsString();
        return new Answer(
                result.getResponse().getStatus(),
                result.getResponse().getContentType(),
                text.isEmpty() ? json.nullNode() : json.readTree(text));
    }

    private Answer ndjsonImport(String... lines) throws Exception {
        return send("application/fhir+ndjson", ndjson(lines));
    }

    private Map<String, Integer> rowCounts() {
        return Map.of(
                "practice",
                count("practice"),
                "practitioner",
                count("practitioner"),
                "patient",
                count("patient"),
                "patient_condition",
                count("patient_condition"),
                "encounter",
                count("encounter"),
                "frailty_observation",
                count("frailty_observation"));
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    private static String ods() {
        return "F" + (10000 + (int) (Math.random() * 89999));
    }

    @Test
    void aTransactionBundleWritesEveryEntryResolvingUrnUuidReferences() throws Exception {
        String org = "urn:uuid:" + UUID.randomUUID();
        String gp = "urn:uuid:" + UUID.randomUUID();
        String pat = "urn:uuid:" + UUID.randomUUID();
        String nhs = Fhir.nhsNumber();
        String ods = ods();

        Answer answer = send(
                "application/fhir+json",
                bundle(
                        "transaction",
                        entry(pat, patient(null, nhs, ref(org), ref(gp))),
                        entry(org, organization(null, ods, "Urn Surgery")),
                        entry(gp, practitioner(null, "Jane", "Doctor")),
                        entry(null, condition(Fhir.unique("c"), ref(pat), SNOMED_HYPERTENSION))));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("committed").asBoolean()).isTrue();
        assertThat(answer.count("Patient", "created")).isEqualTo(1);
        assertThat(answer.count("Organization", "created")).isEqualTo(1);
        assertThat(answer.count("Practitioner", "created")).isEqualTo(1);
        assertThat(answer.count("Condition", "created")).isEqualTo(1);
        Map<String, Object> row = jdbc.sql("select p.fhir_id, pr.ods_code, pr.neighbourhood, g.family_name, "
                        + "(select count(*) from patient_condition c where c.patient_id = p.id) conditions "
                        + "from patient p join practice pr on pr.id = p.practice_id join practitioner g on g.id = p.gp_practitioner_id "
                        + "where p.nhs_number = ?")
                .param(nhs)
                .query()
                .singleRow();
        assertThat(row.values()).containsExactly(pat.substring(9), ods, "Testham", "Doctor", 1L);
    }

    @Test
    void aTransactionUpdateTakesTheIdFromItsRequestUrl() throws Exception {
        String id = Fhir.unique("put");
        String ods = ods();
        String body = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"resource\":" + organization(null, ods, "Put Surgery")
                + ",\"request\":{\"method\":\"PUT\",\"url\":\"Organization/" + id + "org\"}},"
                + "{\"resource\":" + patient(null, Fhir.nhsNumber(), ref("Organization/" + id + "org"))
                + ",\"request\":{\"method\":\"PUT\",\"url\":\"Patient/" + id + "pat\"}}]}";

        Answer answer = send("application/fhir+json", body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.count("Patient", "created")).isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from patient p join practice pr on pr.id = p.practice_id where p.fhir_id = ? and pr.fhir_id = ?")
                        .params(id + "pat", id + "org")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aBatchBundleKeepsTheGoodEntriesAndRejectsTheBadOneByItsIndex() throws Exception {
        String id = Fhir.unique("batch");
        String ods = ods();

        Answer answer = send(
                "application/fhir+json",
                bundle(
                        "batch",
                        entry(null, organization(id + "org", ods, "Batch Surgery")),
                        entry(null, patient(id + "pat", Fhir.nhsNumber(), ref("Organization/" + id + "org"))),
                        entry(null, conditionWithoutCode(id + "c1", ref("Patient/" + id + "pat"))),
                        entry(null, condition(id + "c2", ref("Patient/" + id + "pat"), SNOMED_HYPERTENSION))));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.count("Condition", "created")).isEqualTo(1);
        assertThat(answer.rejections())
                .extracting(r -> r.path("index").asInt(), r -> r.path("reason").asText())
                .containsExactly(
                        tuple(2, "Condition has no SNOMED CT code (code.coding with system http://snomed.info/sct)"));
        assertThat(answer.rejections().get(0).has("line")).isFalse();
    }

    @Test
    void aCollectionBundleIsImportedEntryByEntry() throws Exception {
        String id = Fhir.unique("coll");
        String ods = ods();

        Answer answer = send(
                "application/fhir+json",
                bundle(
                        "collection",
                        entry(null, patient(id + "pat", Fhir.nhsNumber(), odsRef(ods))),
                        entry(null, patient(id + "bad", "1234567890", odsRef(ods))),
                        entry(null, organization(id + "org", ods, "Collection Surgery"))));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("bundleType").asText()).isEqualTo("collection");
        assertThat(answer.count("Patient", "created")).isEqualTo(1);
        assertThat(answer.count("Patient", "rejected")).isEqualTo(1);
        assertThat(answer.rejections().get(0).path("index").asInt()).isEqualTo(1);
    }

    @Test
    void ndjsonInAnyOrderResolvesTypeIdIdentifierAndUrnUuidReferences() throws Exception {
        String id = Fhir.unique("nd");
        String uuid = UUID.randomUUID().toString();
        String nhs = Fhir.nhsNumber();
        String ods = ods();

        Answer answer = ndjsonImport(
                condition(id + "c1", nhsRef(nhs), SNOMED_HYPERTENSION),
                condition(id + "c2", ref("urn:uuid:" + uuid), "44054006"),
                emergencyStay(id + "e1", ref("Patient/" + uuid), "2026-10-01", "2026-10-05"),
                frailtyCategory(id + "o1", ref("Patient/" + uuid), MODERATE_FRAILTY),
                frailtyScore(id + "o2", nhsRef(nhs), "0.31"),
                patient(uuid, nhs, odsRef(ods), ref("Practitioner/" + id + "gp")),
                practitioner(id + "gp", "Sam", "Medic"),
                organization(id + "org", ods, "Any Order Surgery"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.rejections()).isEmpty();
        assertThat(answer.count("Condition", "created")).isEqualTo(2);
        assertThat(answer.count("Encounter", "created"))
                .as("admission and discharge")
                .isEqualTo(2);
        assertThat(answer.count("Observation", "created")).isEqualTo(2);
        Long patientId = jdbc.sql("select id from patient where fhir_id = ?")
                .param(uuid)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql(
                                "select type, occurred_on, fhir_id from encounter where patient_id = ? order by occurred_on")
                        .param(patientId)
                        .query((rs, n) -> List.of(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3)))
                        .list())
                .containsExactly(
                        List.of("UNPLANNED_ADMISSION", LocalDate.of(2026, 10, 1), id + "e1"),
                        List.of("HOSPITAL_DISCHARGE", LocalDate.of(2026, 10, 5), id + "e1#discharge"));
        assertThat(jdbc.sql("select category, efi_score from frailty_observation where patient_id = ? order by fhir_id")
                        .param(patientId)
                        .query((rs, n) -> rs.getString(1) + " " + rs.getBigDecimal(2))
                        .list())
                .containsExactly("moderate null", "moderate 0.310");
    }

    @Test
    void contactPreferencesComeFromTelecomAndThePreferredLanguage() throws Exception {
        String id = Fhir.unique("contact");
        String nhs = Fhir.nhsNumber();
        String ods = ods();
        String withContacts =
                patient(id + "pat", nhs, ref("Organization/" + id + "org")).replace("\"birthDate\"", """
                        "telecom":[{"system":"phone","value":"020 7946 0000","use":"old","rank":1},\
                        {"system":"phone","value":"07700 900123","use":"mobile","rank":2},\
                        {"system":"phone","value":"020 7946 0999","use":"home","rank":3},\
                        {"system":"email","value":"ada@example.org"}],\
                        "communication":[{"language":{"coding":[{"code":"en","display":"English"}]}},\
                        {"language":{"coding":[{"code":"pa","display":"Punjabi"}]},"preferred":true}],\
                        "birthDate\"""");

        Answer answer = ndjsonImport(organization(id + "org", ods, "Contact Surgery"), withContacts);

        assertThat(answer.rejections()).isEmpty();
        assertThat(contactsOf(nhs)).containsExactly("07700 900123", "ada@example.org", "Punjabi");

        // the source no longer gives them: the row follows it
        Answer again = ndjsonImport(patient(id + "pat", nhs, ref("Organization/" + id + "org")));
        assertThat(again.count("Patient", "updated")).isEqualTo(1);
        assertThat(contactsOf(nhs)).containsExactly(null, null, null);
    }

    private List<String> contactsOf(String nhs) {
        return jdbc.sql("select phone, email, preferred_language from patient where nhs_number = ?")
                .param(nhs)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
    }

    @Test
    void reimportingTheSameDataChangesNothing() throws Exception {
        String id = Fhir.unique("again");
        String nhs = Fhir.nhsNumber();
        String ods = ods();
        String[] lines = {
            organization(id + "org", ods, "Again Surgery"),
            patient(id + "pat", nhs, ref("Organization/" + id + "org")),
            condition(id + "c1", ref("Patient/" + id + "pat"), SNOMED_HYPERTENSION),
            encounter(id + "e1", nhsRef(nhs), "EMER", "2026-09-09"),
            frailtyScore(id + "o1", nhsRef(nhs), "0.2")
        };
        ndjsonImport(lines);
        Map<String, Integer> before = rowCounts();

        Answer again = ndjsonImport(lines);

        assertThat(rowCounts()).isEqualTo(before);
        for (String type : List.of("Organization", "Patient", "Condition", "Encounter", "Observation")) {
            assertThat(again.count(type, "unchanged")).as(type).isEqualTo(1);
            assertThat(again.count(type, "created") + again.count(type, "updated"))
                    .as(type)
                    .isZero();
        }
    }

    @Test
    void aChangedResourceUpdatesItsRow() throws Exception {
        String id = Fhir.unique("upd");
        String ods = ods();
        ndjsonImport(organization(id + "org", ods, "Old Name Surgery"));

        Answer answer = ndjsonImport(organization(id + "org", ods, "New Name Surgery"));

        assertThat(answer.count("Organization", "updated")).isEqualTo(1);
        assertThat(jdbc.sql("select name from practice where ods_code = ?")
                        .param(ods)
                        .query(String.class)
                        .single())
                .isEqualTo("New Name Surgery");
    }

    @Test
    void sexEthnicCategoryAndImdQuintileAreImportedWhenThePatientCarriesThem() throws Exception {
        String id = Fhir.unique("eq");
        String ods = ods();
        String withAll = """
                {"resourceType":"Patient","id":"%s","gender":"female",\
                "extension":[{"url":"https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory",\
                "valueCodeableConcept":{"coding":[{"system":"https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEnglandAndWales","code":"M"}]}}],\
                "address":[{"use":"home","postalCode":"SE1 1AA","extension":[{"url":"https://coordinatedcare.org/fhir/StructureDefinition/address-imd-quintile","valueInteger":2}]}],\
                "name":[{"family":"Tester","given":["Ada"]}],"birthDate":"1948-03-01","generalPractitioner":[%s]}""".formatted(id + "a", odsRef(ods));
        // an unknown code system, a quintile out of range and an address with no extension record nothing
        String withNone = """
                {"resourceType":"Patient","id":"%s",\
                "extension":[{"url":"https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory",\
                "valueCodeableConcept":{"coding":[{"system":"https://example.org/local","code":"A"}]}}],\
                "address":[{"use":"home","extension":[{"url":"https://coordinatedcare.org/fhir/StructureDefinition/address-imd-quintile","valueInteger":9}]}],\
                "name":[{"family":"Tester","given":["Bo"]}],"birthDate":"1950-03-01","generalPractitioner":[%s]}""".formatted(id + "b", odsRef(ods));

        Answer answer = ndjsonImport(organization(id + "org", ods, "Equity Surgery"), withAll, withNone);

        assertThat(answer.count("Patient", "created"))
                .as(answer.body().toString())
                .isEqualTo(2);
        Map<String, Object> all = jdbc.sql("select sex, ethnic_category, imd_quintile from patient where fhir_id = ?")
                .param(id + "a")
                .query()
                .singleRow();
        assertThat(all)
                .containsEntry("SEX", "female")
                .containsEntry("ETHNIC_CATEGORY", "M")
                .containsEntry("IMD_QUINTILE", 2);
        Map<String, Object> none = jdbc.sql("select sex, ethnic_category, imd_quintile from patient where fhir_id = ?")
                .param(id + "b")
                .query()
                .singleRow();
        assertThat(none.values()).containsOnlyNulls();
    }

    @Test
    void eachRejectionNamesItsLineAndAPlainReason() throws Exception {
        String id = Fhir.unique("rej");
        String ods = ods();

        Answer answer = ndjsonImport(
                organization(id + "org", ods, "Rejecting Surgery"),
                patient(id + "badnhs", "9434765918", odsRef(ods)),
                "{\"resourceType\":\"Patient\",\"id\":",
                condition(id + "c1", null, SNOMED_HYPERTENSION),
                condition(id + "c2", ref("Patient/nobody-" + id), SNOMED_HYPERTENSION),
                conditionWithoutCode(id + "c3", ref("Patient/" + id + "ok")),
                patient(id + "nopractice", Fhir.nhsNumber()),
                patient(id + "ok", Fhir.nhsNumber(), odsRef(ods)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.rejections())
                .extracting(r -> r.path("line").asInt(), r -> r.path("reason").asText())
                .containsExactlyInAnyOrder(
                        tuple(2, "NHS number '9434765918' is not valid (10 digits with a Modulus 11 check digit)"),
                        tuple(3, "line is not valid JSON: Unexpected end-of-input within/between Object entries"),
                        tuple(4, "Condition has no subject (a reference to the Patient)"),
                        tuple(5, "subject 'Patient/nobody-" + id + "' is not a patient in the register"),
                        tuple(6, "Condition has no SNOMED CT code (code.coding with system http://snomed.info/sct)"),
                        tuple(
                                7,
                                "Patient has no registered practice (generalPractitioner referring to an Organization)"));
        assertThat(answer.count("Patient", "created")).isEqualTo(1);
        assertThat(answer.body().path("rejectionCount").asInt()).isEqualTo(6);
    }

    @Test
    void aTransactionBundleWithOneBadEntryWritesNothing() throws Exception {
        String id = Fhir.unique("tx");
        String ods = ods();
        Map<String, Integer> before = rowCounts();

        Answer answer = send(
                "application/fhir+json",
                bundle(
                        "transaction",
                        entry(null, organization(id + "org", ods, "All Or Nothing Surgery")),
                        entry(null, patient(id + "pat", Fhir.nhsNumber(), ref("Organization/" + id + "org"))),
                        entry(null, condition(id + "c1", ref("Patient/" + id + "pat"), SNOMED_HYPERTENSION)),
                        entry(null, condition(id + "c2", ref("Patient/" + id + "missing"), SNOMED_HYPERTENSION))));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().path("field").asText()).isEqualTo("entry[3]");
        assertThat(answer.body().path("committed").asBoolean()).isFalse();
        assertThat(answer.rejections()).extracting(r -> r.path("index").asInt()).containsExactly(3);
        assertThat(answer.count("Patient", "created")).isZero();
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithProblemJsonAndWritesNothing() throws Exception {
        Map<String, Integer> before = rowCounts();

        Answer bundle = send("application/fhir+json", "this is not JSON at all");
        Answer ndjson = send("application/fhir+ndjson", "Patient,Ada,Lovelace\nPatient,Bernard,Brennan\n");
        Answer cutShort = send(
                "application/fhir+json",
                bundle("batch", entry(null, organization("x", ods(), "Cut Short")))
                        .substring(0, 80));

        for (Answer answer : List.of(bundle, ndjson, cutShort)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.body().path("field").asText()).isEqualTo("body");
        }
        assertThat(bundle.body().path("detail").asText())
                .startsWith("The body is not valid JSON: Unrecognized token 'this'");
        assertThat(ndjson.body().path("detail").asText())
                .startsWith("The body is not NDJSON: no line is a JSON object");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void resourceTypesAndKindsWeDoNotUseAreCountedAsSkipped() throws Exception {
        String id = Fhir.unique("skip");
        String ods = ods();

        Answer answer = ndjsonImport(
                "{\"resourceType\":\"MedicationStatement\",\"id\":\"" + id + "m1\",\"status\":\"active\"}",
                "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"" + id + "a1\"}",
                organization(id + "org", ods, "Skipping Surgery"),
                patient(id + "pat", Fhir.nhsNumber(), odsRef(ods)),
                bloodPressure(id + "bp", ref("Patient/" + id + "pat")),
                encounter(id + "gp", ref("Patient/" + id + "pat"), "AMB", "2026-01-01"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.rejections()).isEmpty();
        assertThat(answer.count("MedicationStatement", "skipped")).isEqualTo(1);
        assertThat(answer.count("AllergyIntolerance", "skipped")).isEqualTo(1);
        assertThat(answer.count("Observation", "skipped")).isEqualTo(1);
        assertThat(answer.count("Encounter", "skipped")).isEqualTo(1);
        assertThat(answer.count("Patient", "created")).isEqualTo(1);
    }

    @Test
    void onlyAdministratorsAndTheImportGroupMayImport() throws Exception {
        Answer answer =
                send("clinician", "application/fhir+ndjson", ndjson(organization("never", ods(), "Never Surgery")));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }
}
