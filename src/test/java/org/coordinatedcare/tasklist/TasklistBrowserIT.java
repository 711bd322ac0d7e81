package org.coordinatedcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CaseFinding;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtMeeting;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.casefinding.CaseFindingRuns;
import org.coordinatedcare.casefinding.ReviewList;
import org.coordinatedcare.coordination.NamedProfessionalAssignment;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.Condition;
import org.coordinatedcare.patient.ConditionRepository;
import org.coordinatedcare.patient.Encounter;
import org.coordinatedcare.patient.EncounterRepository;
import org.coordinatedcare.patient.EncounterType;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.system.HeadlessChromium;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Camunda Tasklist in headless Chromium against the whole application (demo team and pathways, in-memory H2, job
 * executor on). A clinical lead works "Assign named professional" through its Camunda Form, and what the browser did
 * is checked in the engine and in our tables, not only on screen; a clinician of the other practice sees none of it.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code src/test/browser/ensure-chromium.sh} installs
 * them); without them the tests fail, they are never skipped. On failure a screenshot and the page source are saved
 * to {@code target/browser/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "browser"})
class TasklistBrowserIT {

    private static final Path EVIDENCE = Path.of("target", "browser");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final String BOROUGH = "A10001";
    private static final String WALWORTH = "A10002";
    private static final String ASSIGN_NAMED_PROFESSIONAL = CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL;
    private static final String MY_GROUPS_TASKS = "My group's tasks";
    private static final String REVIEW_CASE_FINDING_LIST = CaseFinding.REVIEW_CASE_FINDING_LIST;
    private static final String DEMO_PASSWORD = "demo";

    @LocalServerPort
    int port;

    @Autowired
    TaskService tasks;

    @Autowired
    org.camunda.bpm.engine.FormService forms;

    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    NamedProfessionalAssignmentRepository assignments;

    @Autowired
    ProfessionalRepository professionals;

    @Autowired
    PracticeRepository practices;

    @Autowired
    PatientRepository patients;

    @Autowired
    ConditionRepository conditions;

    @Autowired
    ReviewList reviewLists;

    @Autowired
    EncounterRepository encounters;

    @Autowired
    JdbcTemplate jdbc;

    private Path profileDir;
    private WebDriver browser;

    /** Runs right after a test method, before {@code @AfterEach} closes the browser. */
    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isPresent()) {
            saveEvidence(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void chromiumIsInstalled() {
        HeadlessChromium.assertInstalled();
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profileDir = Files.createTempDirectory("tasklist-chromium-");
        browser = HeadlessChromium.open(profileDir);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        HeadlessChromium.close(browser, profileDir);
    }

    @Test
    void clinicalLeadAssignsANamedProfessionalInTasklist() {
        Set<String> waiting = ids(tasks.createTaskQuery()
                .taskDefinitionKey(ASSIGN_NAMED_PROFESSIONAL)
                .taskCandidateGroup("clinical-lead-" + BOROUGH)
                .taskUnassigned()
                .list());
        assertThat(waiting)
                .as("Borough pathways of the demo data waiting for a named professional")
                .isNotEmpty();

        logIn("drlee");
        openFilter(MY_GROUPS_TASKS);
        Map<String, String> listed = listedTasksOnceTheyInclude(waiting);
        assertThat(listed.keySet())
                .as("tasks listed in " + MY_GROUPS_TASKS)
                .allSatisfy(id ->
                        assertThat(practiceOf(id)).as("practice of task %s", id).isEqualTo(BOROUGH));
        waitFor("the filter's count to be " + listed.size()).until(d -> filterCount() == listed.size());

        String taskId = waiting.iterator().next();
        assertThat(listed.get(taskId)).isEqualTo("Assign named professional");
        String processInstanceId =
                tasks.createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();
        long episodeId = ((Number) runtime.getVariable(processInstanceId, "episodeId")).longValue();

        openTask(taskId);
        claim();
        List<String> offered = chooseInSelect("Named professional", "Grace Okafor");
        // This practice's GPs and practice nurses, and nobody else: not Walworth's team, not other roles.
        assertThat(offered)
                .containsExactlyInAnyOrder("Dr Amara Lee (GP)", "Dr Ravi Patel (GP)", "Grace Okafor (Practice nurse)");
        assertThat(offered)
                .noneMatch(label -> label.contains("Helen Wright") || label.contains("Tunde Brown"))
                .noneMatch(label -> label.contains("Jo Smith") || label.contains("Megan Jones"));
        String note = "Knows Grace from the diabetes clinic; prefers phone calls in the morning.";
        formField("Note for the named professional")
                .findElement(By.tagName("textarea"))
                .sendKeys(note);
        complete(taskId);

        // The engine: the task is gone, drlee completed it, and the pathway went on to the invitation.
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
        HistoricTaskInstance done =
                history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        assertThat(done.getTaskDefinitionKey()).isEqualTo(ASSIGN_NAMED_PROFESSIONAL);
        assertThat(done.getEndTime()).isNotNull();
        assertThat(done.getDeleteReason()).isEqualTo("completed");
        assertThat(done.getAssignee()).isEqualTo("drlee");
        assertThat(history.createUserOperationLogQuery()
                        .taskId(taskId)
                        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                        .list())
                .extracting(UserOperationLogEntry::getUserId)
                .isNotEmpty()
                .containsOnly("drlee");
        assertThat(runtime.getVariable(processInstanceId, "namedProfessional")).isEqualTo("nurseokafor");
        assertThat(runtime.getVariable(processInstanceId, "assignmentNote"))
                .as("the note is kept in our table only")
                .isNull();
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceIdIn(processInstanceId)
                        .includeDeleted()
                        .variableName("assignmentNote")
                        .count())
                .as("Tasklist's answers are not written to the engine's history")
                .isZero();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tasks.createTaskQuery()
                                .processInstanceId(processInstanceId)
                                .list())
                        .extracting(Task::getTaskDefinitionKey)
                        .containsExactly(CoordinatedCare.RECORD_INVITATION_RESPONSE));

        // Our tables: that pathway's episode has Grace Okafor as named professional, assigned by drlee with the note.
        Episode episode = episodes.findById(episodeId).orElseThrow();
        assertThat(episode.processInstanceId()).isEqualTo(processInstanceId);
        Professional grace = professionals.findByLoginId("nurseokafor").orElseThrow();
        NamedProfessionalAssignment assignment =
                assignments.findByEpisodeIdAndEndedAtIsNull(episodeId).orElseThrow();
        assertThat(assignment.professionalId()).isEqualTo(grace.id());
        assertThat(assignment.assignedBy()).isEqualTo("drlee");
        assertThat(assignment.note()).isEqualTo(note);
        assertThat(assignments.findByEpisodeIdOrderByStartedAt(episodeId)).hasSize(1);
    }

    @Test
    void tasklistCarriesTheProductsNameAndNoMigrationBanner() {
        logIn("drlee");
        waitFor("the product's name in the page title").until(d -> d.getTitle().startsWith("PCN Coordinated care"));
        assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")))
                .as("Camunda's end-of-life banner, if the page has it, is hidden")
                .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("time to migrate to Camunda 8");
    }

    @Test
    void walworthClinicalLeadSeesNoneOfBoroughsTasks() {
        Set<String> boroughTasks = ids(tasks.createTaskQuery()
                .processVariableValueEquals("practiceCode", BOROUGH)
                .list());
        assertThat(boroughTasks).as("Borough's open tasks").isNotEmpty();
        // A Walworth pathway as positive control: an empty list alone would also pass with a broken filter.
        ProcessInstance walworthPathway = startPathwayForAPatientOf(WALWORTH);
        try {
            Task walworthTask = tasks.createTaskQuery()
                    .processInstanceId(walworthPathway.getId())
                    .singleResult();
            assertThat(candidateGroups(walworthTask)).containsExactly("clinical-lead-" + WALWORTH);

            logIn("drwright");
            openFilter(MY_GROUPS_TASKS);
            Map<String, String> listed = listedTasksOnceTheyInclude(Set.of(walworthTask.getId()));
            assertThat(listed.keySet())
                    .doesNotContainAnyElementsOf(boroughTasks)
                    .allSatisfy(id -> assertThat(practiceOf(id))
                            .as("practice of task %s", id)
                            .isEqualTo(WALWORTH));
            waitFor("the filter's count to be " + listed.size()).until(d -> filterCount() == listed.size());

            // Nor does a Borough task open from its address: the engine answers as if it did not exist.
            String boroughTask = boroughTasks.iterator().next();
            browser.get(tasklistUrl() + "#/?task=" + boroughTask);
            WebElement error = waitFor("Tasklist to refuse Borough's task " + boroughTask)
                    .until(visibilityOfElementLocated(By.cssSelector(".notifications .alert-danger")));
            assertThat(error.getText()).contains("No matching task with id " + boroughTask);
            assertThat(browser.findElements(By.cssSelector(".task-details .fjs-form")))
                    .isEmpty();
        } finally {
            runtime.deleteProcessInstance(walworthPathway.getId(), "browser test finished", true, true);
        }
    }

    /**
     * The Patient tab (ADR 0021): drpatel, the named professional, sees the task's patient with their conditions and
     * plan, read from our API with Tasklist's own session; drwright of Walworth, logged in to the same browser, gets
     * nothing from the tab's address for that task. The tab as drpatel sees it is kept in target/browser/ for the
     * README's walk-through.
     */
    @Test
    void clinicianSeesThePatientTabAndAnotherPracticeDoesNot() throws IOException {
        // A patient of our own, not the demo's: the demo's case-finding list must still find its candidates off the
        // pathway.
        Patient patient = patientWithAHistory(BOROUGH);
        String patientId = patient.fhirId();
        runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                .processInstanceBusinessKey(patientId)
                .setVariable("patientId", patientId)
                .correlateStartMessage();
        completeWhenOpen(patientId, ASSIGN_NAMED_PROFESSIONAL, FormAnswers.ASSIGN_NAMED_PROFESSIONAL);
        completeWhenOpen(patientId, CoordinatedCare.RECORD_INVITATION_RESPONSE, FormAnswers.RECORD_INVITATION_RESPONSE);
        completeWhenOpen(patientId, CarePlanning.HOLISTIC_ASSESSMENT, FormAnswers.HOLISTIC_ASSESSMENT);
        completeWhenOpen(patientId, CarePlanning.HOLD_CARE_PLANNING_MEETING, FormAnswers.CARE_PLANNING_MEETING);
        Task confirmReferrals = openTask(patientId, CoordinatedCare.CONFIRM_REFERRALS);

        logIn("drpatel");
        browser.get(tasklistUrl() + "#/?task=" + confirmReferrals.getId());
        waitFor("the Patient tab")
                .until(elementToBeClickable(
                        By.xpath("//section[contains(@class,'task-details')]//a[normalize-space()='Patient']")))
                .click();
        WebElement tab = waitFor("the patient's story")
                .until(visibilityOfElementLocated(By.cssSelector(".cc-patient .cc-condition")));
        WebElement story = browser.findElement(By.cssSelector(".cc-patient"));
        waitFor("the plan in the tab").until(d -> story.getText().contains("Walking to church on Sundays"));
        assertThat(story.getText())
                .contains(patient.displayName())
                .contains("07700 900461", "Yoruba")
                .contains("Chronic obstructive lung disease SNOMED 13645005 since 1 Mar 2012")
                .contains("Heart failure SNOMED 84114007")
                .contains("Moderate frailty (eFI 0.27)")
                .contains("Unplanned admission", "A&E attendance", "Discharge")
                .contains("Walk 20 minutes a day")
                .contains("Dr Ravi Patel");
        assertThat(tab.isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")))
                .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 2400));
        Files.createDirectories(EVIDENCE);
        Files.write(EVIDENCE.resolve("patient-tab.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // Walworth's clinical lead, in Tasklist's session, asks for the tab's data of that Borough task: nothing.
        browser.manage().deleteAllCookies();
        logIn("drwright");
        Object answer = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch('/api/tasks/' + arguments[0] + '/patient', {headers: {Accept: 'application/json'}})"
                                + ".then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('failed ' + e));",
                        confirmReferrals.getId());
        assertThat(String.valueOf(answer))
                .startsWith("404 ")
                .doesNotContain(patient.familyName())
                .doesNotContain(patientId)
                .doesNotContain("Walking to church");
    }

    @Test
    void gpReviewsTheCaseFindingListInTasklist() {
        // The demo leaves a case-finding run for Borough: its review task waits for the practice's GPs.
        Task review = await().atMost(TIMEOUT)
                .until(
                        () -> tasks.createTaskQuery()
                                .taskDefinitionKey(REVIEW_CASE_FINDING_LIST)
                                .taskCandidateGroup("gp-" + BOROUGH)
                                .singleResult(),
                        Objects::nonNull);
        long runId = ((Number) tasks.getVariable(review.getId(), CaseFindingRuns.RUN_ID)).longValue();
        List<ReviewList.Candidate> listed = reviewLists.candidates(runId, BOROUGH);
        assertThat(listed).as("Borough's candidates in run %s", runId).hasSizeGreaterThanOrEqualTo(2);

        logIn("drpatel");
        openFilter(MY_GROUPS_TASKS);
        listedTasksOnceTheyInclude(Set.of(review.getId()));
        openTask(review.getId());
        claim();

        // A table row per stored candidate, most complex first (Cambridge Multimorbidity Score), naming the patient,
        // why they were listed, the score with its breakdown and the evidence behind it.
        List<List<String>> rows = waitFor("a table row per candidate").until(d -> {
            List<List<String>> shown = d.findElements(By.cssSelector(".task-details .fjs-table-body tr")).stream()
                    .map(tr -> tr.findElements(By.tagName("td")).stream()
                            .map(td -> td.getText().trim())
                            .toList())
                    .toList();
            return shown.size() == listed.size() ? shown : null;
        });
        for (int i = 0; i < listed.size(); i++) {
            ReviewList.Candidate candidate = listed.get(i);
            assertThat(rows.get(i)).as("row %d", i + 1).hasSize(5);
            assertThat(rows.get(i).get(0)).isEqualTo(String.valueOf(candidate.id()));
            assertThat(rows.get(i).get(1)).isEqualTo(candidate.label());
            assertThat(rows.get(i).get(2))
                    .startsWith(candidate.ltcCount() + " long-term conditions: "
                            + String.join(", ", candidate.ltcCategories()))
                    .contains(candidate.reasons().get(0));
            assertThat(rows.get(i).get(3)).startsWith(candidate.cmsScore().toPlainString());
            assertThat(rows.get(i).get(4))
                    .isEqualTo(candidate.evidence().summary())
                    .isNotBlank();
            if (i > 0) {
                assertThat(candidate.cmsScore())
                        .as("row %d after row %d", i + 1, i)
                        .isLessThanOrEqualTo(listed.get(i - 1).cmsScore());
            }
        }

        // Confirm the first patient, exclude the others as not appropriate now: one tick each.
        tick("Confirm", listed.get(0));
        for (ReviewList.Candidate other : listed.subList(1, listed.size())) {
            tick("Not appropriate now", other);
        }
        complete(review.getId());

        // Our tables: the first confirmed, the others excluded for that reason, all by drpatel.
        List<ReviewList.Candidate> decided = reviewLists.candidates(runId, BOROUGH);
        assertThat(decided)
                .extracting(ReviewList.Candidate::id)
                .containsExactlyElementsOf(
                        listed.stream().map(ReviewList.Candidate::id).toList());
        assertThat(decided.get(0).decision()).isEqualTo("CONFIRMED");
        assertThat(decided.subList(1, decided.size())).allSatisfy(c -> {
            assertThat(c.decision()).isEqualTo("EXCLUDED");
            assertThat(c.exclusionReason()).isEqualTo("NOT_APPROPRIATE");
        });
        assertThat(decided).extracting(ReviewList.Candidate::decidedBy).containsOnly("drpatel");
        // The confirmed patient's pathway starts in the background; the excluded get none.
        long confirmed = listed.get(0).patientId();
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(episodes.findByActivePatientId(confirmed)).isPresent());
        assertThat(listed.subList(1, listed.size()))
                .allSatisfy(c -> assertThat(episodes.findByActivePatientId(c.patientId()))
                        .isEmpty());
    }

    // --- Tasklist ----------------------------------------------------------------------------------------------------

    private String tasklistUrl() {
        return "http://localhost:" + port + "/camunda/app/tasklist/";
    }

    @Test
    void chairRecordsAPersonsOutcomeAtTheNeighbourhoodMeetingInTasklist() {
        // a Borough patient whose MDT review falls due in five days
        ProcessInstance pathway = startPathwayForAPatientOf(BOROUGH);
        String patientId = pathway.getBusinessKey();
        completeWhenOpen(patientId, ASSIGN_NAMED_PROFESSIONAL, FormAnswers.ASSIGN_NAMED_PROFESSIONAL);
        completeWhenOpen(patientId, CoordinatedCare.RECORD_INVITATION_RESPONSE, FormAnswers.RECORD_INVITATION_RESPONSE);
        completeWhenOpen(patientId, CarePlanning.HOLISTIC_ASSESSMENT, FormAnswers.HOLISTIC_ASSESSMENT);
        completeWhenOpen(patientId, CarePlanning.HOLD_CARE_PLANNING_MEETING, FormAnswers.CARE_PLANNING_MEETING);
        tasks.complete(
                openTask(patientId, CoordinatedCare.CONFIRM_REFERRALS).getId(),
                FormAnswers.with(FormAnswers.CONFIRM_REFERRALS, "referralTypes", List.of()));
        org.camunda.bpm.engine.runtime.Job timer = await().atMost(TIMEOUT)
                .until(
                        () -> management
                                .createJobQuery()
                                .processInstanceId(pathway.getId())
                                .activityId(CoordinatedCare.TIMER_MDT_REVIEW_DUE)
                                .singleResult(),
                        Objects::nonNull);
        management.setJobDuedate(
                timer.getId(), java.sql.Date.valueOf(LocalDate.now().plusDays(5)));
        long episodeId =
                episodes.findByProcessInstanceId(pathway.getId()).orElseThrow().id();

        // the meeting: agenda built, prepared with this patient first, opened with its attendees
        String meeting = runtime.startProcessInstanceByKey(MdtMeeting.PROCESS, Map.of("neighbourhood", "Borough"))
                .getId();
        Task preparation =
                await().atMost(TIMEOUT).until(() -> meetingTask(meeting, MdtMeeting.PREPARE_AGENDA), Objects::nonNull);
        List<Long> agenda = jdbc.queryForList(
                "select i.episode_id from mdt_agenda_item i join mdt_meeting m on m.id = i.meeting_id"
                        + " where m.process_instance_id = ? order by i.position",
                Long.class,
                meeting);
        assertThat(agenda).contains(episodeId);
        forms.submitTaskForm(preparation.getId(), Map.of("agendaOrder", String.valueOf(agenda.indexOf(episodeId) + 1)));
        forms.submitTaskForm(
                meetingTask(meeting, MdtMeeting.OPEN_MEETING).getId(), FormAnswers.of(FormAnswers.OPEN_MDT_MEETING));
        Task discuss =
                await().atMost(TIMEOUT).until(() -> meetingTask(meeting, MdtMeeting.DISCUSS_PATIENT), Objects::nonNull);

        // the chair, in Tasklist
        logIn("drlee");
        openFilter(MY_GROUPS_TASKS);
        listedTasksOnceTheyInclude(Set.of(discuss.getId()));
        openTask(discuss.getId());
        claim();
        assertThat(browser.findElement(By.cssSelector(".task-details .fjs-form"))
                        .getText())
                .contains("Person 1 of " + agenda.size());
        chooseRadio("Outcome for this person", "Continue the current plan");
        chooseRadio("How are the person's needs changing?", "Stable");
        formField("Actions").findElement(By.tagName("textarea")).sendKeys("Community nurse: weekly dressing review");
        complete(discuss.getId());

        // the outcome is in the person's own pathway, as their MDT review
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "select outcome from mdt_review where episode_id = ? and status = 'HELD'",
                                String.class,
                                episodeId))
                        .isEqualTo("continue"));
        assertThat(jdbc.queryForObject(
                        "select recorded_by from mdt_agenda_item i join mdt_meeting m on m.id = i.meeting_id"
                                + " where m.process_instance_id = ? and i.episode_id = ?",
                        String.class,
                        meeting,
                        episodeId))
                .isEqualTo("drlee");
    }

    private Task meetingTask(String meeting, String key) {
        return tasks.createTaskQuery()
                .processInstanceId(meeting)
                .taskDefinitionKey(key)
                .singleResult();
    }

    /** Clicks the option of a form-js radio group whose label starts with the given text. */
    private void chooseRadio(String group, String option) {
        WebElement label =
                formField(group).findElement(By.xpath(".//label[starts-with(normalize-space(), \"" + option + "\")]"));
        scrollToMiddle(label);
        label.click();
        String inputId = label.getAttribute("for");
        WebElement input = inputId == null || inputId.isEmpty()
                ? label.findElement(By.tagName("input"))
                : browser.findElement(By.id(inputId));
        waitFor(option + " chosen under " + group).until(d -> input.isSelected());
    }

    private void logIn(String user) {
        browser.get(tasklistUrl());
        waitFor("the login form")
                .until(visibilityOfElementLocated(By.cssSelector("input[placeholder='Username']")))
                .sendKeys(user);
        browser.findElement(By.cssSelector("input[placeholder='Password']")).sendKeys(DEMO_PASSWORD);
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        waitFor("the filters after logging in as " + user)
                .until(visibilityOfElementLocated(By.cssSelector(".task-filter")));
    }

    private void openFilter(String name) {
        By link = By.xpath("//div[contains(@class,'task-filter')]/h4[contains(@class,'name')]"
                + "/a[starts-with(normalize-space(), \"" + name + "\")]");
        waitFor("filter " + name).until(elementToBeClickable(link)).click();
        By active = By.xpath("//div[contains(@class,'task-filter') and contains(@class,'active')]/h4/a");
        waitFor("filter " + name + " to be the active one")
                .until(d -> d.findElement(active).getText().startsWith(name));
    }

    /** The tasks listed, id (from the link) to name, once the list shows all the given ones. */
    private Map<String, String> listedTasksOnceTheyInclude(Set<String> taskIds) {
        return waitFor("the task list to show " + taskIds).until(d -> {
            Map<String, String> listed = new LinkedHashMap<>();
            for (WebElement link : d.findElements(By.cssSelector("ol.tasks-list li.task h4.task a"))) {
                String href = link.getAttribute("href"); // …/tasklist/default/#/?task=<id>
                listed.put(
                        href.replaceAll(".*[?&]task=([^&]+).*", "$1"),
                        link.getText().trim());
            }
            return listed.keySet().containsAll(taskIds) ? listed : null;
        });
    }

    /** The count shown beside the active filter, or -1 while there is none. */
    private int filterCount() {
        String text = browser.findElement(By.cssSelector(".task-filter.active .counter"))
                .getText()
                .trim();
        return text.matches("\\d+") ? Integer.parseInt(text) : -1;
    }

    private void openTask(String taskId) {
        By link = By.cssSelector("ol.tasks-list li.task h4.task a[href*='task=" + taskId + "']");
        waitFor("task " + taskId + " in the list")
                .until(elementToBeClickable(link))
                .click();
        waitFor("the Camunda Form of task " + taskId)
                .until(visibilityOfElementLocated(By.cssSelector(".task-details .fjs-form")));
    }

    /** Tasklist shows a group task's form disabled, and Complete greyed out, until the user claims the task. */
    private void claim() {
        waitFor("the Claim button")
                .until(elementToBeClickable(By.cssSelector(".task-details button.claim")))
                .click();
        waitFor("the form to be enabled after claiming")
                .until(d -> d.findElements(By.cssSelector(".task-details .disabled-form"))
                                .isEmpty()
                        && d.findElements(By.cssSelector(".task-details button.claim"))
                                .isEmpty());
    }

    /** Opens a form-js select (a dropdown), returns the labels it offers and picks the one containing the choice. */
    private List<String> chooseInSelect(String label, String choice) {
        By items = By.cssSelector(".fjs-dropdownlist-item");
        waitFor("the select " + label).until(d -> {
            formField(label).findElement(By.cssSelector(".fjs-input-group")).click();
            return true;
        });
        List<String> offered = waitFor("the options of " + label).until(d -> {
            List<String> shown = formField(label).findElements(items).stream()
                    .map(i -> i.getText().trim())
                    .toList();
            return shown.isEmpty() ? null : shown;
        });
        assertThat(offered).as("options of %s", label).anyMatch(text -> text.contains(choice));
        waitFor("option " + choice).until(d -> {
            formField(label).findElements(items).stream()
                    .filter(item -> item.getText().contains(choice))
                    .findFirst()
                    .ifPresent(WebElement::click);
            return formField(label).getText().contains(choice);
        });
        return offered;
    }

    /** Ticks the patient's box in the checklist so labelled; its options read "list no. and patient". */
    private void tick(String checklist, ReviewList.Candidate candidate) {
        String option = candidate.id() + ". " + candidate.name();
        WebElement box = formField(checklist).findElement(By.xpath(".//label[normalize-space() = \"" + option + "\"]"));
        scrollToMiddle(box);
        box.click();
        String inputId = box.getAttribute("for");
        WebElement input = inputId == null || inputId.isEmpty()
                ? box.findElement(By.tagName("input"))
                : browser.findElement(By.id(inputId));
        waitFor(option + " ticked under " + checklist).until(d -> input.isSelected());
    }

    /** Tasklist's footer covers the bottom of the form: a click there would land on the footer. */
    private void scrollToMiddle(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    /** The form-js field whose label starts with the given text. */
    private WebElement formField(String label) {
        By field = By.xpath("//section[contains(@class,'task-details')]//div[contains(@class,'fjs-form-field')]"
                + "[.//label[starts-with(normalize-space(), \"" + label + "\")]]");
        return waitFor("form field " + label).until(visibilityOfElementLocated(field));
    }

    /**
     * Tasklist says nothing on success: it closes the task (no {@code task=} in the address any more, "Select a task
     * in the list."). A failure shows as a red notification, whose text then fails the test.
     */
    private void complete(String taskId) {
        By button = By.xpath("//section[contains(@class,'task-details')]//button[normalize-space()='Complete']");
        WebElement complete = waitFor("the Complete button to be enabled").until(elementToBeClickable(button));
        scrollToMiddle(complete);
        complete.click();
        String outcome = waitFor("Tasklist to close task " + taskId + " or report an error")
                .until(d -> {
                    List<WebElement> errors = d.findElements(By.cssSelector(".notifications .alert-danger"));
                    if (!errors.isEmpty()) {
                        return "error: " + errors.get(0).getText();
                    }
                    return d.getCurrentUrl().contains("task=" + taskId) ? null : "closed";
                });
        assertThat(outcome).as("Tasklist after Complete").isEqualTo("closed");
    }

    private WebDriverWait waitFor(String what) {
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage("waiting for " + what);
        return wait;
    }

    private void saveEvidence(String name) {
        HeadlessChromium.saveEvidence(browser, name);
    }

    // --- engine and data ---------------------------------------------------------------------------------------------

    private String practiceOf(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        assertThat(task).as("task %s", taskId).isNotNull();
        return (String) runtime.getVariable(task.getExecutionId(), "practiceCode");
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId)
                .filter(Objects::nonNull)
                .toList();
    }

    private ProcessInstance startPathwayForAPatientOf(String odsCode) {
        Long practiceId = practices.findByOdsCode(odsCode).orElseThrow().id();
        Patient patient = patients.findByPracticeId(practiceId).stream()
                .filter(p -> conditions.findByPatientId(p.id()).size() >= 3)
                .filter(p -> episodes.findByActivePatientId(p.id()).isEmpty())
                .findFirst()
                .orElseThrow(() -> new AssertionError("No patient with 3+ conditions and no episode at " + odsCode));
        return runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                .processInstanceBusinessKey(patient.fhirId())
                .setVariable("patientId", patient.fhirId())
                .correlateStartMessage();
    }

    /**
     * A Borough patient with contact preferences, four long-term conditions, moderate frailty and hospital use this
     * year, as the register would hold them after an import.
     */
    private Patient patientWithAHistory(String odsCode) {
        Long practiceId = practices.findByOdsCode(odsCode).orElseThrow().id();
        Patient patient = patients.save(
                Patient.register(unusedNhsNumber(), "Margaret", "Okonkwo", LocalDate.of(1944, 5, 12), practiceId));
        conditions.save(Condition.diagnosed(
                patient.id(), "13645005", "Chronic obstructive lung disease", LocalDate.of(2012, 3, 1)));
        conditions.save(
                Condition.diagnosed(patient.id(), "44054006", "Type 2 diabetes mellitus", LocalDate.of(2009, 6, 15)));
        conditions.save(
                Condition.diagnosed(patient.id(), "38341003", "Hypertensive disorder", LocalDate.of(2005, 1, 10)));
        conditions.save(Condition.diagnosed(patient.id(), "84114007", "Heart failure", LocalDate.of(2021, 9, 2)));
        LocalDate today = LocalDate.now();
        encounters.save(Encounter.of(patient.id(), EncounterType.AE_ATTENDANCE, today.minusMonths(5)));
        encounters.save(Encounter.of(patient.id(), EncounterType.UNPLANNED_ADMISSION, today.minusMonths(2)));
        encounters.save(Encounter.of(
                patient.id(),
                EncounterType.HOSPITAL_DISCHARGE,
                today.minusMonths(2).plusDays(4)));
        jdbc.update(
                "insert into frailty_observation (patient_id, efi_score, category, effective_date) values (?, ?, ?, ?)",
                patient.id(),
                new java.math.BigDecimal("0.27"),
                "moderate",
                java.sql.Date.valueOf(today.minusMonths(3)));
        jdbc.update(
                "update patient set phone = ?, preferred_language = ? where id = ?",
                "07700 900461",
                "Yoruba",
                patient.id());
        return patient;
    }

    /** A valid NHS number (modulus 11) in the 999 test range that no demo patient has. */
    private String unusedNhsNumber() {
        java.util.Random random = new java.util.Random();
        while (true) {
            String digits = "999" + String.format("%06d", random.nextInt(1_000_000));
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            String number = digits + (check == 11 ? 0 : check);
            if (patients.findByNhsNumber(number).isEmpty()) {
                return number;
            }
        }
    }

    private Task openTask(String patientId, String key) {
        return await().atMost(TIMEOUT)
                .until(
                        () -> tasks.createTaskQuery()
                                .processInstanceBusinessKey(patientId)
                                .taskDefinitionKey(key)
                                .singleResult(),
                        Objects::nonNull);
    }

    /** Moves a pathway on as the engine's own tests do, with the form's valid answer ({@link FormAnswers}). */
    private void completeWhenOpen(String patientId, String key, String form) {
        tasks.complete(openTask(patientId, key).getId(), FormAnswers.of(form));
    }

    private static Set<String> ids(List<Task> list) {
        return list.stream().map(Task::getId).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
