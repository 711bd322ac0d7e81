package org.coordinatedcare.casefinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CaseFinding;
import org.coordinatedcare.episode.LongTermConditionCount;
import org.coordinatedcare.pathway.PathwayTestSupport;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.reference.LtcConditions;
import org.coordinatedcare.security.Roles;
import org.coordinatedcare.security.TeamAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Case finding end to end on the real diagram, decision table, SQL and API: each test has a practice of its own, so
 * runs for one practice see only that test's patients.
 */
class CaseFindingTest extends PathwayTestSupport {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String HYPERTENSION = "38341003";
    private static final String ESSENTIAL_HYPERTENSION = "59621000";
    private static final String TYPE_2_DIABETES = "44054006";
    private static final String COPD = "13645005";
    private static final String HEART_FAILURE = "84114007";
    private static final String CKD_STAGE_2 = "431856006";
    private static final String DEMENTIA = "52448006";
    private static final String ASTHMA = "195967001";
    private static final String OSTEOPOROSIS = "64859006";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PracticeRepository practices;

    @Autowired
    PatientRepository patients;

    @Autowired
    TeamAccounts accounts;

    @Autowired
    LongTermConditionCount ltcCount;

    @Autowired
    CaseFindingRunRepository runs;

    @Autowired
    LtcConditions ltcConditions;

    @Autowired
    CandidateFinder candidateFinder;

    @Autowired
    PlatformTransactionManager transactions;

    private final ObjectMapper json = new ObjectMapper();

    private Practice practice;

    @BeforeEach
    void ownPractice() {
        String code = "C" + String.format("%05d", NEXT.incrementAndGet() + (int) (System.nanoTime() % 1000) * 10);
        practice = practices.save(Practice.of(code, "Case Finding Surgery " + code, "Borough"));
        user("cfgp-" + code, "gp-" + code, "gp");
    }

    // ---- the register -------------------------------------------------------------------------------------------

    private Patient patient(String fhirId, LocalDate born) {
        return patients.save(
                new Patient(null, null, "Pat", fhirId, born, practice.id(), false, fhirId + "-" + practice.odsCode()));
    }

    private Patient adult(String fhirId) {
        return patient(fhirId, LocalDate.of(1950, 5, 5));
    }

    private void condition(
            Patient patient, String code, String clinicalStatus, String verificationStatus, LocalDate abated) {
        jdbc.sql("""
                        insert into patient_condition (patient_id, snomed_code, onset_date, abatement_date, clinical_status, verification_status)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(patient.id(), code, LocalDate.of(2015, 1, 1), abated, clinicalStatus, verificationStatus)
                .update();
    }

    private void conditionSince(Patient patient, String code, LocalDate onset) {
        jdbc.sql("""
                        insert into patient_condition (patient_id, snomed_code, onset_date, clinical_status, verification_status)
                        values (?, ?, ?, 'active', 'confirmed')""").params(patient.id(), code, onset).update();
    }

    private void hospitalEvent(Patient patient, String type, LocalDate on) {
        jdbc.sql("insert into encounter (patient_id, type, occurred_on) values (?, ?, ?)")
                .params(patient.id(), type, on)
                .update();
    }

    private Patient withConditions(Patient patient, String... codes) {
        for (String code : codes) {
            condition(patient, code, "active", "confirmed", null);
        }
        return patient;
    }

    /** A login with these groups, made the way the application makes its team's accounts. */
    private void user(String id, String... groups) {
        accounts.ensureUser(id, null, null, null, "secret");
        for (String group : groups) {
            accounts.join(id, group, group);
        }
    }

    // ---- LTC count ------------------------------------------------------------------------------------------------

    @Test
    void theLtcCountIsTheNumberOfDistinctCategoriesAmongActiveConditions() {
        Patient p = adult("count-categories");
        withConditions(p, HYPERTENSION, ESSENTIAL_HYPERTENSION, TYPE_2_DIABETES, CKD_STAGE_2);
        assertThat(ltcCount.of(p.id()))
                .as("hypertension coded twice counts once; CKD stage 2 is no LTC")
                .isEqualTo(2);
    }

    @Test
    void resolvedRefutedAndEnteredInErrorConditionsDoNotCountButRelapsesDo() {
        Patient p = adult("count-statuses");
        condition(p, HYPERTENSION, "resolved", "confirmed", LocalDate.of(2020, 1, 1));
        condition(p, TYPE_2_DIABETES, "inactive", "confirmed", null);
        condition(p, COPD, "active", "refuted", null);
        condition(p, HEART_FAILURE, "active", "entered-in-error", null);
        condition(p, "35489007", "remission", null, null);
        assertThat(ltcCount.of(p.id())).isZero();

        condition(p, "49436004", "relapse", "confirmed", null);
        condition(p, "195967001", "recurrence", "provisional", null);
        assertThat(ltcCount.of(p.id())).isEqualTo(2);
    }

    @Test
    void aConditionWithoutStatusCountsUntilItHasAnAbatementDate() {
        Patient p = adult("count-no-status");
        condition(p, HYPERTENSION, null, null, null);
        condition(p, COPD, null, null, LocalDate.of(2021, 3, 1));
        assertThat(ltcCount.of(p.id())).isEqualTo(1);
    }

    @Test
    void theLtcDefinitionIsServedToLoggedInUsersWithItsVersion() throws Exception {
        JsonNode body = call(get("/api/reference/ltc-conditions"), "cfgp-" + practice.odsCode(), 200);
        assertThat(body.get("version").asText()).isEqualTo(ltcConditions.version());
        Map<String, String> categories = new LinkedHashMap<>();
        body.get("codes")
                .forEach(row -> categories.put(
                        row.get("snomedCode").asText(), row.get("ltcCategory").asText()));
        assertThat(categories)
                .containsEntry(HYPERTENSION, "Hypertension")
                .containsEntry(ESSENTIAL_HYPERTENSION, "Hypertension")
                .containsEntry("433144002", "Chronic kidney disease (stages 3 to 5)")
                .containsEntry("368581000119106", "Diabetes")
                .doesNotContainKey(CKD_STAGE_2)
                .doesNotContainKey("11687002"); // gestational diabetes: excluded, not counted
        assertThat(mvc.perform(get("/api/reference/ltc-conditions"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }

    @Test
    void theLtcDefinitionIsServedAsCsvForAClinicalSafetyReview() throws Exception {
        String gp = "cfgp-" + practice.odsCode();
        for (MockHttpServletRequestBuilder request : List.of(
                get("/api/reference/ltc-conditions.csv"),
                get("/api/reference/ltc-conditions").accept("text/csv"))) {
            MvcResult result = mvc.perform(request.header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((gp + ":secret").getBytes(StandardCharsets.UTF_8))))
                    .andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            assertThat(result.getResponse().getContentType()).startsWith("text/csv");
            assertThat(result.getResponse().getHeader("Content-Disposition"))
                    .contains("ltc-conditions-" + ltcConditions.version() + ".csv");
            List<String> lines = result.getResponse()
                    .getContentAsString(StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertThat(lines.get(0)).isEqualTo("snomed_code,description,ltc_category,descends_from,list_version");
            assertThat(lines)
                    .hasSize(ltcConditions.all().size() + 1)
                    .contains("36923009,\"Major depression, single episode\",Depression,," + ltcConditions.version());
        }
    }

    // ---- the process ----------------------------------------------------------------------------------------------

    private long runFor(Practice which) {
        CaseFindingRun run = new CaseFindingRunsCaller().request(which);
        runJobs();
        return run.id();
    }

    /** Requests as the system would, outside any login. */
    private final class CaseFindingRunsCaller {
        CaseFindingRun request(Practice which) {
            return caseFindingRuns.request(which, "test");
        }
    }

    @Autowired
    CaseFindingRuns caseFindingRuns;

    @Autowired
    ReviewList lists;

    private Map<String, ReviewList.Candidate> candidatesByRef(long runId) {
        Map<String, ReviewList.Candidate> byRef = new LinkedHashMap<>();
        lists.candidates(runId, practice.odsCode()).forEach(c -> byRef.put(c.patientRef(), c));
        return byRef;
    }

    private Task reviewTask(long runId) {
        List<Task> open = tasks.createTaskQuery()
                .taskDefinitionKey(CaseFinding.REVIEW_CASE_FINDING_LIST)
                .processInstanceBusinessKey("case-finding-" + runId)
                .list();
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    /** The review form's answer: the confirmed patients' list numbers, and those excluded for one reason. */
    private static Map<String, Object> review(
            List<ReviewList.Candidate> confirmed, String excludeAnswer, List<ReviewList.Candidate> excluded) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(
                "confirmed", confirmed.stream().map(c -> String.valueOf(c.id())).toList());
        if (excludeAnswer != null) {
            answer.put(
                    excludeAnswer,
                    excluded.stream().map(c -> String.valueOf(c.id())).toList());
        }
        return answer;
    }

    private long pathways(Patient p) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey("coordinated-care")
                .processInstanceBusinessKey(p.fhirId())
                .count();
    }

    @Test
    void findsEligibleAdultsListsThemForTheirGpAndStartsOnePathwayPerConfirmedPatient() {
        Patient threeLtcs = withConditions(adult("three"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        Patient twoLtcs = withConditions(adult("two"), HYPERTENSION, ESSENTIAL_HYPERTENSION, TYPE_2_DIABETES);
        Patient child =
                withConditions(patient("child", LocalDate.now().minusYears(17)), HYPERTENSION, TYPE_2_DIABETES, COPD);
        Patient eighteen = withConditions(
                patient("eighteen", LocalDate.now().minusYears(18)), HYPERTENSION, TYPE_2_DIABETES, COPD);
        Patient died = patients.save(withConditions(adult("died"), HYPERTENSION, TYPE_2_DIABETES, COPD)
                .markDeceased());
        Patient frail = adult("frail");
        jdbc.sql("insert into frailty_observation (patient_id, category, effective_date) values (?, 'moderate', ?)")
                .params(frail.id(), LocalDate.now().minusMonths(2))
                .update();
        Patient admitted = adult("admitted");
        for (int i = 1; i <= 2; i++) {
            jdbc.sql("insert into encounter (patient_id, type, occurred_on) values (?, 'UNPLANNED_ADMISSION', ?)")
                    .params(admitted.id(), LocalDate.now().minusMonths(i * 3))
                    .update();
        }

        long runId = runFor(practice);

        Map<String, ReviewList.Candidate> listed = candidatesByRef(runId);
        assertThat(listed.keySet())
                .containsExactlyInAnyOrder(threeLtcs.fhirId(), eighteen.fhirId(), frail.fhirId(), admitted.fhirId());
        assertThat(listed).doesNotContainKeys(twoLtcs.fhirId(), child.fhirId(), died.fhirId());
        ReviewList.Candidate three = listed.get(threeLtcs.fhirId());
        assertThat(three.ltcCount()).isEqualTo(3);
        assertThat(three.ltcCategories()).containsExactly("COPD", "Diabetes", "Hypertension");
        assertThat(three.reasons()).containsExactly("3 or more long-term conditions");
        assertThat(listed.get(frail.fhirId()).reasons()).containsExactly("Moderate or severe frailty");
        assertThat(runs.findById(runId).orElseThrow().status()).isEqualTo(CaseFindingStatus.IN_REVIEW);
        assertThat(runs.findById(runId).orElseThrow().codeListVersion())
                .as("the run records the code list it counted with")
                .isEqualTo(ltcConditions.version())
                .endsWith("+curated");

        Task review = reviewTask(runId);
        assertThat(review.getName()).isEqualTo("Review case-finding list");
        assertThat(tasks.createTaskQuery()
                        .taskId(review.getId())
                        .taskCandidateGroup("gp-" + practice.odsCode())
                        .count())
                .isEqualTo(1);
        assertThat(tasks.getVariable(review.getId(), "candidates").toString())
                .contains("3 long-term conditions: COPD, Diabetes, Hypertension");

        assertThat(tasks.getVariable(review.getId(), "candidateChoices").toString())
                .contains("{\"label\":\"" + three.id() + ". " + three.name() + "\",\"value\":\"" + three.id() + "\"}");
        tasks.complete(
                review.getId(),
                review(
                        List.of(three, listed.get(admitted.fhirId()), listed.get(eighteen.fhirId())),
                        "excludeEndOfLifeCare",
                        List.of(listed.get(frail.fhirId()))));
        runJobs();

        assertThat(pathways(threeLtcs)).isEqualTo(1);
        assertThat(pathways(admitted)).isEqualTo(1);
        assertThat(pathways(eighteen)).isEqualTo(1);
        assertThat(pathways(frail)).isZero();
        assertThat(runtime.getVariable(
                        runtime.createProcessInstanceQuery()
                                .processInstanceBusinessKey(threeLtcs.fhirId())
                                .singleResult()
                                .getId(),
                        "ltcCount"))
                .isEqualTo(3);
        Map<String, ReviewList.Candidate> decided = candidatesByRef(runId);
        assertThat(decided.get(threeLtcs.fhirId()).pathwayOutcome()).isEqualTo("STARTED");
        assertThat(decided.get(frail.fhirId()).exclusionReason()).isEqualTo("END_OF_LIFE_CARE");
        assertThat(runs.findById(runId).orElseThrow().status()).isEqualTo(CaseFindingStatus.COMPLETED);

        // the next run lists none of them again: three are on the pathway, one was excluded
        long secondRun = runFor(practice);
        assertThat(candidatesByRef(secondRun)).isEmpty();
        assertThat(runs.findById(secondRun).orElseThrow().status()).isEqualTo(CaseFindingStatus.COMPLETED);
        assertThat(pathways(threeLtcs)).isEqualTo(1);
    }

    @Test
    void theCandidatesAreCommittedBeforeThePracticeListIsPreparedInAJobOfItsOwn() {
        Patient p = withConditions(adult("own-job"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        CaseFindingRun run = caseFindingRuns.request(practice, "test");
        management.executeJob(management
                .createJobQuery()
                .processInstanceId(run.processInstanceId())
                .singleResult()
                .getId());

        // "Find candidates" has committed: a failure preparing the list from here on cannot undo the search
        assertThat(candidatesByRef(run.id())).containsOnlyKeys(p.fhirId());
        assertThat(runs.findById(run.id()).orElseThrow().status()).isEqualTo(CaseFindingStatus.IN_REVIEW);
        assertThat(tasks.createTaskQuery()
                        .processInstanceId(run.processInstanceId())
                        .count())
                .isZero();
        Job practiceJob = management
                .createJobQuery()
                .processInstanceId(run.processInstanceId())
                .singleResult();
        assertThat(practiceJob.getRetries()).isEqualTo(3);

        runJobs();
        assertThat(reviewTask(run.id()).getName()).isEqualTo("Review case-finding list");
    }

    @Test
    void aCandidateNamingAPatientOrAListThatDoesNotExistFailsTheRunAndNothingIsStored() {
        Patient real = withConditions(adult("kept"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        Patient other = withConditions(adult("kept-too"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        CaseFindingRun run = runs.save(CaseFindingRun.requested(practice.id(), "REQUEST", "test"));
        jdbc.sql("insert into case_finding_list (run_id, practice_id) values (?, ?)")
                .params(run.id(), practice.id())
                .update();
        long missingPatient =
                jdbc.sql("select max(id) + 1000 from patient").query(Long.class).single();
        Practice unlisted = practices.save(Practice.of(
                practice.odsCode() + "U", "Unlisted Surgery", "Borough")); // exists, but has no list in this run
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        for (Object[] bad : List.of(
                candidateRow(run.id(), missingPatient, practice.id()),
                candidateRow(run.id(), other.id(), unlisted.id()))) {
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> candidateFinder.store(
                            run.id(), List.of(candidateRow(run.id(), real.id(), practice.id()), bad))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("do not exist");
            assertThat(jdbc.sql("select count(*) from case_finding_candidate where run_id = ?")
                            .param(run.id())
                            .query(Long.class)
                            .single())
                    .as("the run's transaction is rolled back: not even the valid candidate is kept")
                    .isZero();
        }

        transaction.executeWithoutResult(status ->
                candidateFinder.store(run.id(), List.<Object[]>of(candidateRow(run.id(), real.id(), practice.id()))));
        assertThat(candidatesByRef(run.id())).containsOnlyKeys(real.fhirId());
    }

    private static Object[] candidateRow(long runId, long patientId, long practiceId) {
        return new Object[] {runId, patientId, practiceId, 3, "A|B|C", "3 LTCs", java.math.BigDecimal.ONE, null, null};
    }

    @Test
    void aPatientWhoseInvitationAlreadyStartedIsNeverGivenASecondPathway() {
        Patient p = withConditions(adult("raced"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        long runId = runFor(practice);
        ReviewList.Candidate candidate = candidatesByRef(runId).get(p.fhirId());
        identify(p); // a clinician referred them by hand while the list waited

        tasks.complete(reviewTask(runId).getId(), review(List.of(candidate), null, null));
        runJobs();

        assertThat(pathways(p)).isEqualTo(1);
        assertThat(candidatesByRef(runId).get(p.fhirId()).pathwayOutcome()).isEqualTo("ALREADY_ACTIVE");
        assertThat(management.createJobQuery().withException().count()).isZero();
    }

    @Test
    void aLongListComesAPageAtATimeMostConditionsFirstAndEachPageStartsOnlyItsOwnPathways() {
        Patient most = withConditions(adult("page-most"), HYPERTENSION, TYPE_2_DIABETES, COPD, HEART_FAILURE);
        List<Patient> three = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            three.add(withConditions(adult("page-" + i), HYPERTENSION, TYPE_2_DIABETES, COPD));
        }
        long runId = runFor(practice);
        Map<String, ReviewList.Candidate> listed = candidatesByRef(runId);
        assertThat(listed).hasSize(21);

        // page one: the 20 with most conditions, then by list number
        Task first = reviewTask(runId);
        List<ReviewList.Candidate> firstPage = lists.candidatesToReview(runId, practice.odsCode());
        assertThat(firstPage).hasSize(20);
        assertThat(firstPage.get(0).patientRef()).isEqualTo(most.fhirId());
        ReviewList.Candidate last = listed.get(three.get(19).fhirId());
        assertThat(firstPage).doesNotContain(last);
        assertThat(tasks.getVariable(first.getId(), "candidates").toString())
                .doesNotContain("\"candidateId\":\"" + last.id() + "\"");
        assertThat(tasks.getVariableLocal(first.getId(), "patientLabel"))
                .isEqualTo(practice.odsCode() + ": 20 to review, 0 annual reviews due (1 more after this page)");
        ReviewList.Candidate excluded = listed.get(three.get(0).fhirId());
        tasks.complete(
                first.getId(),
                review(
                        firstPage.stream().filter(c -> c.id() != excluded.id()).toList(),
                        "excludeNotAppropriate",
                        List.of(excluded)));
        runJobs();

        assertThat(pathways(most)).isEqualTo(1);
        assertThat(pathways(three.get(0))).isZero();
        assertThat(pathways(three.get(19))).isZero();
        assertThat(runs.findById(runId).orElseThrow().status()).isEqualTo(CaseFindingStatus.IN_REVIEW);

        // page two: the one left, as a new task; a patient decided on page one is not on it
        Task second = reviewTask(runId);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(lists.candidatesToReview(runId, practice.odsCode())).containsExactly(last);
        assertThat(tasks.getVariableLocal(second.getId(), "patientLabel"))
                .isEqualTo(practice.odsCode() + ": 1 to review, 0 annual reviews due");
        assertThatThrownBy(() ->
                        tasks.complete(second.getId(), review(List.of(last, listed.get(most.fhirId())), null, null)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("is not a patient of this list");
        tasks.complete(second.getId(), review(List.of(last), null, null));
        runJobs();

        assertThat(pathways(three.get(19))).isEqualTo(1);
        assertThat(pathways(most)).isEqualTo(1);
        assertThat(three.subList(1, 20)).allMatch(p -> pathways(p) == 1);
        assertThat(runs.findById(runId).orElseThrow().status()).isEqualTo(CaseFindingStatus.COMPLETED);
        assertThat(management.createJobQuery().withException().count()).isZero();
    }

    @Test
    void aPageIsCheckedAgainstThePatientsItShowedNotAgainstAPageCutAfresh() {
        Patient shown = withConditions(adult("page-shown"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        long runId = runFor(practice);
        Task page = reviewTask(runId);
        // a candidate that would now head the page (most LTCs), as after a change of page size or order
        Patient later = adult("page-later");
        jdbc.sql("""
                        insert into case_finding_candidate (run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons)
                        values (?, ?, ?, 9, 'COPD', '3 or more long-term conditions')""").params(runId, later.id(), practice.id()).update();
        jdbc.sql("update case_finding_candidate set cms_score = 9.99 where run_id = ? and patient_id = ?")
                .params(runId, later.id())
                .update();

        tasks.complete(page.getId(), review(List.of(candidatesByRef(runId).get(shown.fhirId())), null, null));
        runJobs();

        assertThat(candidatesByRef(runId).get(shown.fhirId()).decision()).isEqualTo("CONFIRMED");
        assertThat(candidatesByRef(runId).get(later.fhirId()).decision()).isNull();
        Task next = reviewTask(runId);
        assertThat(tasks.getVariableLocal(next.getId(), "patientLabel"))
                .isEqualTo(practice.odsCode() + ": 1 to review, 0 annual reviews due");
    }

    @Test
    void aReviewWithAPatientUntickedTickedTwiceOrExcludedForOtherWithoutANoteIsRefusedAndNothingIsWritten() {
        Patient a = withConditions(adult("undecided-a"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        Patient b = withConditions(adult("undecided-b"), HYPERTENSION, TYPE_2_DIABETES, HEART_FAILURE);
        long runId = runFor(practice);
        Map<String, ReviewList.Candidate> listed = candidatesByRef(runId);
        String taskId = reviewTask(runId).getId();

        ReviewList.Candidate first = listed.get(a.fhirId());
        ReviewList.Candidate second = listed.get(b.fhirId());
        assertThatThrownBy(() -> tasks.complete(taskId, review(List.of(first), null, null)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("1 of 2 not ticked (no. " + second.id() + ")");
        assertThatThrownBy(() -> tasks.complete(
                        taskId, review(List.of(first, second), "excludeNotAppropriate", List.of(second))))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("No. " + second.id() + " is ticked twice");
        assertThatThrownBy(() -> tasks.complete(taskId, review(List.of(first), "excludeOther", List.of(second))))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("say why no. " + second.id());
        assertThatThrownBy(() ->
                        tasks.complete(taskId, review(List.of(first), "excludeLeftPractice", List.of(second, first))))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("ticked twice");

        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
        assertThat(candidatesByRef(runId).values()).allMatch(c -> c.decision() == null);
        assertThat(pathways(a)).isZero();
    }

    @Test
    void patientsOnThePathwayForAYearAreListedForTheirAnnualReviewUntilItIsBooked() {
        Patient p = withConditions(adult("annual"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        identify(p);
        jdbc.sql("update episode set opened_at = ? where patient_id = ?")
                .params(LocalDateTime.now().minusMonths(13), p.id())
                .update();

        long runId = runFor(practice);
        List<ReviewList.AnnualReview> due = lists.annualReviews(runId, practice.odsCode());
        assertThat(due).extracting(ReviewList.AnnualReview::patientRef).containsExactly(p.fhirId());
        assertThat(candidatesByRef(runId)).isEmpty();
        Task review = reviewTask(runId);
        tasks.complete(
                review.getId(),
                Map.of("annualReviewsBooked", List.of(String.valueOf(due.get(0).id()))));
        runJobs();

        long nextRun = runFor(practice);
        assertThat(lists.annualReviews(nextRun, practice.odsCode())).isEmpty();
    }

    @Test
    void annualReviewsComeAPageAtATimeAndAnAnsweredOneLeavesThePage() {
        List<Patient> onPathway = new ArrayList<>();
        for (String name : List.of("annual-a", "annual-b")) {
            Patient p = withConditions(adult(name), HYPERTENSION, TYPE_2_DIABETES, COPD);
            identify(p);
            jdbc.sql("update episode set opened_at = ? where patient_id = ?")
                    .params(LocalDateTime.now().minusMonths(13), p.id())
                    .update();
            onPathway.add(p);
        }
        long runId = runFor(practice);
        ReviewList pagesOfOne = new ReviewList(jdbc, 1);

        List<ReviewList.AnnualReview> page = pagesOfOne.annualReviewsToBook(runId, practice.odsCode());
        assertThat(page)
                .extracting(ReviewList.AnnualReview::patientRef)
                .containsExactly(onPathway.get(0).fhirId());
        assertThat(pagesOfOne.leftToReview(runId, practice.odsCode())).isEqualTo(2);
        jdbc.sql("update case_finding_annual_review set booked = false where id = ?")
                .param(page.get(0).id())
                .update();
        assertThat(pagesOfOne.annualReviewsToBook(runId, practice.odsCode()))
                .extracting(ReviewList.AnnualReview::patientRef)
                .containsExactly(onPathway.get(1).fhirId());
        assertThat(pagesOfOne.leftToReview(runId, practice.odsCode())).isEqualTo(1);
        assertThatThrownBy(() -> new ReviewList(jdbc, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("review-page-size");
    }

    // ---- most complex first, and why (issue 18) ------------------------------------------------------------------

    @Test
    void reviewPagesComeHighestMultimorbidityScoreFirstThenMostConditions() {
        // scores by hand (Payne 2020, general outcome):
        Patient copd = withConditions(adult("cms-copd"), HYPERTENSION, TYPE_2_DIABETES, COPD); // 0.08+0.75+1.46 = 2.29
        Patient dementia =
                withConditions(adult("cms-dementia"), HYPERTENSION, DEMENTIA, HEART_FAILURE); // 0.08+2.50+1.18 = 3.76
        Patient mild = withConditions(
                adult("cms-mild"), HYPERTENSION, ASTHMA, TYPE_2_DIABETES, OSTEOPOROSIS); // 0.08+0.19+0.75+0 = 1.02
        Patient copdPlus = withConditions(
                adult("cms-copd-plus"), HYPERTENSION, TYPE_2_DIABETES, COPD, OSTEOPOROSIS); // 2.29, but 4 LTCs
        long runId = runFor(practice);
        Map<String, ReviewList.Candidate> listed = candidatesByRef(runId);
        assertThat(listed.get(dementia.fhirId()).cmsScore()).isEqualByComparingTo("3.76");
        assertThat(listed.get(dementia.fhirId()).cmsBreakdown())
                .extracting(ReviewList.ScorePart::condition)
                .containsExactly("Dementia", "Heart failure", "Hypertension");
        assertThat(listed.get(copd.fhirId()).cmsScore()).isEqualByComparingTo("2.29");
        assertThat(listed.get(mild.fhirId()).cmsScore()).isEqualByComparingTo("1.02");
        List<String> expected = List.of(dementia.fhirId(), copdPlus.fhirId(), copd.fhirId(), mild.fhirId());
        assertThat(listed.keySet()).containsExactlyElementsOf(expected);

        // pages of two: the highest scores first; a tie on score goes to more conditions; deciding moves the page on
        ReviewList pagesOfTwo = new ReviewList(jdbc, 2);
        List<ReviewList.Candidate> first = pagesOfTwo.candidatesToReview(runId, practice.odsCode());
        assertThat(first)
                .extracting(ReviewList.Candidate::patientRef)
                .containsExactlyElementsOf(expected.subList(0, 2));
        jdbc.sql("update case_finding_candidate set decision = 'CONFIRMED' where id in (:ids)")
                .param("ids", first.stream().map(ReviewList.Candidate::id).toList())
                .update();
        assertThat(pagesOfTwo.candidatesToReview(runId, practice.odsCode()))
                .extracting(ReviewList.Candidate::patientRef)
                .containsExactlyElementsOf(expected.subList(2, 4));
        jdbc.sql("update case_finding_candidate set decision = null where run_id = ?")
                .param(runId)
                .update();

        // the task's table, in the same order, with the score and what it is made of
        String rows = tasks.getVariable(reviewTask(runId).getId(), "candidates").toString();
        assertThat(rows).contains("\"score\":\"3.76 = Dementia 2.50 + Heart failure 1.18 + Hypertension 0.08\"");
        List<Integer> positions = expected.stream()
                .map(ref -> rows.indexOf("\"candidateId\":\"" + listed.get(ref).id() + "\""))
                .toList();
        assertThat(positions).doesNotContain(-1).isSorted();
    }

    @Test
    void eachCandidateComesWithTheCodedConditionsFrailtyAndHospitalEventsBehindIt() throws Exception {
        Patient p = withConditions(adult("evidence"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        jdbc.sql("""
                        insert into frailty_observation (patient_id, category, efi_score, effective_date)
                        values (?, 'moderate', 0.25, ?)""").params(p.id(), LocalDate.now().minusMonths(2)).update();
        LocalDate admitted = LocalDate.now().minusMonths(4);
        hospitalEvent(p, "UNPLANNED_ADMISSION", admitted);
        hospitalEvent(p, "HOSPITAL_DISCHARGE", admitted.plusDays(5));
        hospitalEvent(p, "UNPLANNED_ADMISSION", LocalDate.now().minusMonths(20)); // before the rules' 12 months
        String gp = "cfgp-" + practice.odsCode();
        long runId = call(postRun("{\"practice\":\"" + practice.odsCode() + "\"}"), gp, 202)
                .get("runId")
                .asLong();
        runJobs();

        JsonNode candidate = call(get("/api/case-finding/runs/" + runId), gp, 200)
                .get("candidates")
                .get(0);
        assertThat(candidate.get("patientId").asText()).isEqualTo(p.fhirId());
        assertThat(candidate.get("ltcCount").asInt()).isEqualTo(3);
        assertThat(candidate.get("cmsScore").decimalValue()).isEqualByComparingTo("2.29");
        assertThat(candidate.get("cmsBreakdown").get(0).get("condition").asText())
                .isEqualTo("COPD");
        assertThat(candidate.get("cmsBreakdown").get(0).get("weight").decimalValue())
                .isEqualByComparingTo("1.46");
        JsonNode evidence = candidate.get("evidence");
        assertThat(evidence.get("conditions"))
                .extracting(c -> c.get("category").asText() + " "
                        + c.get("code").asText() + " " + c.get("onsetDate").asText())
                .containsExactly(
                        "COPD " + COPD + " 2015-01-01",
                        "Diabetes " + TYPE_2_DIABETES + " 2015-01-01",
                        "Hypertension " + HYPERTENSION + " 2015-01-01");
        assertThat(evidence.get("conditions").get(0).get("term").asText())
                .isEqualTo("Chronic obstructive lung disease");
        JsonNode frailty = evidence.get("frailty").get(0);
        assertThat(frailty.get("source").asText()).isEqualTo("observation");
        assertThat(frailty.get("category").asText()).isEqualTo("moderate");
        assertThat(frailty.get("efiScore").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(evidence.get("hospitalEvents"))
                .extracting(e -> e.get("type").asText() + " " + e.get("date").asText())
                .containsExactly("HOSPITAL_DISCHARGE " + admitted.plusDays(5), "UNPLANNED_ADMISSION " + admitted);

        String rows = tasks.getVariable(reviewTask(runId).getId(), "candidates").toString();
        assertThat(rows)
                .contains("Chronic obstructive lung disease " + COPD + " (2015-01-01); Type 2 diabetes mellitus "
                        + TYPE_2_DIABETES + " (2015-01-01)")
                .contains("Frailty: moderate (eFI 0.25")
                .contains("Unplanned admissions " + admitted + "; Discharges " + admitted.plusDays(5));
    }

    @Test
    void anAnnualReviewShowsTheConditionsAndAdmissionsNewSinceThePatientWasIdentified() throws Exception {
        Patient p = withConditions(adult("annual-changes"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        identify(p);
        jdbc.sql("update episode set opened_at = ? where patient_id = ?")
                .params(LocalDateTime.now().minusMonths(13), p.id())
                .update();
        LocalDate diagnosed = LocalDate.now().minusMonths(6);
        conditionSince(p, HEART_FAILURE, diagnosed);
        LocalDate admitted = LocalDate.now().minusMonths(3);
        hospitalEvent(p, "UNPLANNED_ADMISSION", admitted);
        hospitalEvent(p, "UNPLANNED_ADMISSION", LocalDate.now().minusMonths(15)); // before they were identified

        long runId = runFor(practice);
        ReviewList.AnnualReview due =
                lists.annualReviews(runId, practice.odsCode()).get(0);
        assertThat(due.changes().newConditions())
                .extracting(CandidateEvidence.CodedCondition::code)
                .containsExactly(HEART_FAILURE);
        assertThat(due.changes().hospitalEvents())
                .extracting(CandidateEvidence.HospitalEvent::date)
                .containsExactly(admitted.toString());

        JsonNode review = call(get("/api/case-finding/runs/" + runId), "cfgp-" + practice.odsCode(), 200)
                .get("annualReviews")
                .get(0);
        assertThat(review.get("sinceIdentified")
                        .get("newConditions")
                        .get(0)
                        .get("category")
                        .asText())
                .isEqualTo("Heart failure");
        assertThat(review.get("sinceIdentified").get("hospitalEvents")).hasSize(1);
        assertThat(tasks.getVariable(reviewTask(runId).getId(), "annualReviews").toString())
                .contains("New: Heart failure " + HEART_FAILURE + " (" + diagnosed + "). Unplanned admissions "
                        + admitted);
    }

    // ---- the API --------------------------------------------------------------------------------------------------

    private JsonNode call(MockHttpServletRequestBuilder request, String userId, int expectedStatus) throws Exception {
        if (userId != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((userId + ":secret").getBytes(StandardCharsets.UTF_8)));
        }
        MvcResult result = mvc.perform(request).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expectedStatus);
        return body.isEmpty() ? null : json.readTree(body);
    }

    private MockHttpServletRequestBuilder postRun(String body) {
        MockHttpServletRequestBuilder request = post("/api/case-finding/runs");
        return body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aGpRunsCaseFindingForTheirPracticeOverTheApiAndReadsTheCandidatesByFhirId() throws Exception {
        Patient p = withConditions(adult("api"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        String gp = "cfgp-" + practice.odsCode();

        JsonNode started = call(postRun("{\"practice\":\"" + practice.odsCode() + "\"}"), gp, 202);
        long runId = started.get("runId").asLong();
        assertThat(started.get("status").asText()).isEqualTo("REQUESTED");
        runJobs();

        JsonNode run = call(get("/api/case-finding/runs/" + runId), gp, 200);
        assertThat(run.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(run.get("requestedBy").asText()).isEqualTo(gp);
        assertThat(run.get("codeList").asText())
                .as("the list version the run counted with")
                .isEqualTo(ltcConditions.version());
        JsonNode candidate = run.get("candidates").get(0);
        assertThat(run.get("candidates")).hasSize(1);
        assertThat(candidate.get("patientId").asText()).isEqualTo(p.fhirId());
        assertThat(candidate.get("ltcCount").asInt()).isEqualTo(3);
        assertThat(candidate.get("ltcCategories"))
                .extracting(JsonNode::asText)
                .containsExactly("COPD", "Diabetes", "Hypertension");
        assertThat(candidate.get("reasons"))
                .extracting(JsonNode::asText)
                .containsExactly("3 or more long-term conditions");
    }

    @Test
    void theApiRefusesOtherPracticesUnknownPracticesAndAnonymousCallersWithProblemJson() throws Exception {
        user("cfoutsider", "gp-ZZ999", "gp");
        user("cfmanager", Roles.MANAGER);
        String gp = "cfgp-" + practice.odsCode();
        long before = runs.count();

        JsonNode foreign = call(postRun("{\"practice\":\"" + practice.odsCode() + "\"}"), "cfoutsider", 403);
        assertThat(foreign.get("title").asText()).isEqualTo("Not allowed");
        JsonNode unknown = call(postRun("{\"practice\":\"Q99999\"}"), gp, 400);
        assertThat(unknown.get("field").asText()).isEqualTo("practice");
        assertThat(call(postRun("{\"practice\":\"A1; drop\"}"), gp, 400)
                        .get("field")
                        .asText())
                .isEqualTo("practice");
        assertThat(call(postRun("{\"practice\":"), gp, 400).get("status").asInt())
                .isEqualTo(400);
        assertThat(call(postRun(null), gp, 403).get("detail").asText()).contains("every practice");
        call(postRun(null), null, 401);
        assertThat(runs.count()).isEqualTo(before);

        long runId = call(postRun("{\"practice\":\"" + practice.odsCode() + "\"}"), "cfmanager", 202)
                .get("runId")
                .asLong();
        call(get("/api/case-finding/runs/" + runId), "cfoutsider", 403);
        call(get("/api/case-finding/runs/" + runId), "cfmanager", 200);
        assertThat(call(get("/api/case-finding/runs/999999"), gp, 404)
                        .get("title")
                        .asText())
                .isEqualTo("Not found");
    }

    @Test
    void aRunForEveryPracticeGivesEachPracticeWithCandidatesItsOwnList() throws Exception {
        withConditions(adult("all-a"), HYPERTENSION, TYPE_2_DIABETES, COPD);
        Practice first = practice;
        ownPractice();
        withConditions(adult("all-b"), HYPERTENSION, TYPE_2_DIABETES, HEART_FAILURE);
        user("cfadmin", Roles.ADMIN);

        long runId = call(postRun(null), "cfadmin", 202).get("runId").asLong();
        runJobs();

        List<String> groups = new ArrayList<>();
        tasks.createTaskQuery()
                .processInstanceBusinessKey("case-finding-" + runId)
                .list()
                .forEach(t -> tasks.getIdentityLinksForTask(t.getId()).forEach(l -> groups.add(l.getGroupId())));
        assertThat(groups).contains("gp-" + first.odsCode(), "gp-" + practice.odsCode());
        // the second practice's GP sees only their own practice's part of the run
        JsonNode seen = call(get("/api/case-finding/runs/" + runId), "cfgp-" + practice.odsCode(), 200);
        assertThat(seen.get("candidates"))
                .extracting(c -> c.get("practice").asText())
                .containsOnly(practice.odsCode());
    }
}
