package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CaseFinding;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtMeeting;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.casefinding.CaseFindingRun;
import org.coordinatedcare.casefinding.CaseFindingRuns;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.patient.Condition;
import org.coordinatedcare.patient.ConditionRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a form lets a clinician enter, the server accepts, and one step past each of the form's limits the server
 * refuses, naming the field: a clinician never fills in a form only to be told off after pressing Complete, and the
 * server never takes what the form would not let through. Every limit of every form in {@code forms/} is read from
 * the form itself and tried against the real listener on a real task; a form this test cannot reach fails it.
 *
 * <p>Each task is reached once. Every probe then runs in a transaction that is rolled back, accepted or not, so the
 * same open task takes every probe.
 */
class FormLimitsTest extends PathwayTestSupport {

    /** The validate rules this test knows how to probe; a form using another one fails until a probe is added. */
    private static final Set<String> PROBED = Set.of("required", "maxLength", "minLength", "min", "max");

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    PatientRepository patients;

    @Autowired
    PracticeRepository practices;

    @Autowired
    CaseFindingRuns caseFindingRuns;

    @Autowired
    ConditionRepository conditions;

    /** One limit of one field: a value at the limit, which must be accepted, and one past it (null: left empty). */
    record Limit(String key, String rule, Object atTheLimit, Object beyond) {}

    /**
     * An open form: the answers that complete it as they stand, how to submit answers to it, and where a field's value
     * at its limit must be a real one (a patient's id), that value.
     */
    record OpenForm(
            Map<String, Object> valid, Consumer<Map<String, Object>> submit, Map<String, Object> realAtTheLimit) {
        OpenForm(Map<String, Object> valid, Consumer<Map<String, Object>> submit) {
            this(valid, submit, Map.of());
        }
    }

    static List<Limit> limits(JsonNode form) {
        List<Limit> limits = new ArrayList<>();
        collect(form.path("components"), limits);
        return limits;
    }

    private static void collect(JsonNode components, List<Limit> limits) {
        for (JsonNode component : components) {
            JsonNode validate = component.path("validate");
            String key = component.path("key").asText(null);
            for (Iterator<String> rules = validate.fieldNames(); rules.hasNext(); ) {
                String rule = rules.next();
                JsonNode value = validate.get(rule);
                assertThat(PROBED).as("rule %s of %s", rule, key).contains(rule);
                switch (rule) {
                    case "required" -> {
                        if (value.asBoolean()) {
                            limits.add(new Limit(key, rule, null, null));
                        }
                    }
                    case "maxLength" ->
                        limits.add(new Limit(key, rule, "x".repeat(value.asInt()), "x".repeat(value.asInt() + 1)));
                    case "minLength" ->
                        limits.add(new Limit(
                                key, rule, "x".repeat(value.asInt()), "x".repeat(Math.max(0, value.asInt() - 1))));
                    case "min" -> limits.add(new Limit(key, rule, value.asInt(), value.asInt() - 1));
                    case "max" -> limits.add(new Limit(key, rule, value.asInt(), value.asInt() + 1));
                    default -> throw new AssertionError("no probe for " + rule);
                }
            }
            collect(component.path("components"), limits);
        }
    }

    /** How to reach each form's task with a fresh patient of the test practice, and answers that complete it. */
    private Map<String, Supplier<OpenForm>> routes() {
        Map<String, Supplier<OpenForm>> routes = new LinkedHashMap<>();
        routes.put(FormAnswers.ASSIGN_NAMED_PROFESSIONAL, () -> {
            Patient patient = fixture.patientWithConditions(3);
            identify(patient);
            return onTask(
                    patient,
                    CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                    FormAnswers.with(FormAnswers.ASSIGN_NAMED_PROFESSIONAL, "namedProfessional", "tgp"));
        });
        routes.put(FormAnswers.RECORD_INVITATION_RESPONSE, () -> {
            Patient patient = invited();
            return onTask(
                    patient,
                    CoordinatedCare.RECORD_INVITATION_RESPONSE,
                    FormAnswers.of(FormAnswers.RECORD_INVITATION_RESPONSE));
        });
        routes.put(FormAnswers.DECIDE_AFTER_NO_RESPONSE, () -> {
            Patient patient = invited();
            for (int i = 0; i < 3; i++) {
                fireTimer(CoordinatedCare.TIMER_INVITATION_REMINDER_DUE);
            }
            return onTask(
                    patient,
                    CoordinatedCare.DECIDE_AFTER_NO_RESPONSE,
                    FormAnswers.of(FormAnswers.DECIDE_AFTER_NO_RESPONSE));
        });
        routes.put(FormAnswers.HOLISTIC_ASSESSMENT, () -> {
            Patient patient = invited();
            acceptInvitation(patient);
            return onTask(patient, CarePlanning.HOLISTIC_ASSESSMENT, FormAnswers.of(FormAnswers.HOLISTIC_ASSESSMENT));
        });
        routes.put(FormAnswers.CARE_PLANNING_MEETING, () -> {
            Patient patient = invited();
            acceptInvitation(patient);
            assessNeeds(patient, false, false, "high");
            // every action row filled in, so that each row's fields can be tried at their limits
            Map<String, Object> valid = FormAnswers.with(
                    FormAnswers.CARE_PLANNING_MEETING,
                    "action3",
                    "Review inhaler technique",
                    "actionOwner3",
                    "Pharmacist",
                    "actionDue3",
                    LocalDate.now().plusDays(21).toString());
            return onTask(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING, valid);
        });
        routes.put(FormAnswers.CONFIRM_REFERRALS, () -> {
            Patient patient = invited();
            acceptInvitation(patient);
            assessNeeds(patient, true, false, "high");
            holdCarePlanningMeeting(patient);
            return onTask(patient, CoordinatedCare.CONFIRM_REFERRALS, FormAnswers.of(FormAnswers.CONFIRM_REFERRALS));
        });
        routes.put(FormAnswers.RECORD_REFERRAL_RESPONSE, () -> {
            Patient patient = fixture.patientWithConditions(3);
            pathwayAwaitingMdtReview(patient, List.of("SOCIAL_PRESCRIBING"));
            return onTask(
                    patient,
                    CoordinatedCare.RECORD_REFERRAL_RESPONSE,
                    FormAnswers.of(FormAnswers.RECORD_REFERRAL_RESPONSE));
        });
        routes.put(FormAnswers.RECORD_REFERRAL_OUTCOME, () -> {
            Patient patient = fixture.patientWithConditions(3);
            pathwayAwaitingMdtReview(patient, List.of("SOCIAL_PRESCRIBING"));
            complete(
                    patient,
                    CoordinatedCare.RECORD_REFERRAL_RESPONSE,
                    FormAnswers.of(FormAnswers.RECORD_REFERRAL_RESPONSE));
            return onTask(
                    patient,
                    CoordinatedCare.RECORD_REFERRAL_OUTCOME,
                    FormAnswers.of(FormAnswers.RECORD_REFERRAL_OUTCOME));
        });
        routes.put(FormAnswers.HOLD_MDT_REVIEW, () -> {
            Patient patient = fixture.patientWithConditions(3);
            pathwayAwaitingMdtReview(patient, List.of());
            fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
            return onTask(patient, MdtReview.HOLD_MDT_REVIEW, FormAnswers.of(FormAnswers.HOLD_MDT_REVIEW));
        });
        routes.put(FormAnswers.APPOINT_CARE_COORDINATOR, () -> {
            Patient patient = needsACoordinator();
            return onTask(
                    patient,
                    CoordinatedCare.APPOINT_CARE_COORDINATOR,
                    FormAnswers.with(FormAnswers.APPOINT_CARE_COORDINATOR, "careCoordinator", "tcoord1"));
        });
        routes.put(FormAnswers.DECIDE_FUNDING, () -> {
            Patient patient = needsACoordinator();
            complete(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR, "careCoordinator", "tcoord1");
            return onTask(patient, CoordinatedCare.DECIDE_FUNDING, FormAnswers.of(FormAnswers.DECIDE_FUNDING));
        });
        routes.put(FormAnswers.SCHEDULE_COORDINATED_CARE, () -> {
            Patient patient = coordinatorAppointed();
            // every booking row filled in, so that each row's fields can be tried at their limits
            return onTask(
                    patient,
                    CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                    FormAnswers.with(
                            FormAnswers.SCHEDULE_COORDINATED_CARE,
                            "booking2Activity",
                            "Day centre session",
                            "booking2With",
                            "Age UK Lewisham and Southwark",
                            "booking2Date",
                            LocalDate.now().plusDays(5).toString(),
                            "booking3Activity",
                            "Falls assessment",
                            "booking3With",
                            "Physiotherapy",
                            "booking3Date",
                            LocalDate.now().plusDays(9).toString()));
        });
        routes.put(FormAnswers.HAND_OVER_COORDINATION, () -> {
            Patient patient = coordinatorAppointed();
            complete(
                    patient,
                    CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                    FormAnswers.of(FormAnswers.SCHEDULE_COORDINATED_CARE));
            runtime.createMessageCorrelation(Messages.COORDINATOR_CHANGE_REQUESTED)
                    .processInstanceBusinessKey(patient.fhirId())
                    .correlate();
            runJobs();
            return onTask(
                    patient,
                    CoordinatedCare.HAND_OVER_ON_REQUEST,
                    FormAnswers.with(FormAnswers.HAND_OVER_COORDINATION, "newCareCoordinator", "tcoord2"));
        });
        routes.put(FormAnswers.AGREE_CLOSURE, () -> {
            Patient patient = fixture.patientWithConditions(3);
            pathwayAwaitingMdtReview(patient, List.of());
            fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
            holdMdtReview(patient, "improving", 1, false, "proposeClosure");
            return onTask(patient, CoordinatedCare.AGREE_CLOSURE, FormAnswers.of(FormAnswers.AGREE_CLOSURE));
        });
        routes.put("refer-patient", () -> {
            // a FHIR id as long as the form allows, of a patient of the test practice
            Practice practice = fixture.practice();
            Patient patient = patients.save(new Patient(
                    null,
                    null,
                    "Long",
                    "Identifier",
                    LocalDate.of(1950, 1, 1),
                    practice.id(),
                    false,
                    ("long-id-" + System.nanoTime() + "-").repeat(4).substring(0, 64)));
            String definition = engine.getRepositoryService()
                    .createProcessDefinitionQuery()
                    .processDefinitionKey("coordinated-care")
                    .latestVersion()
                    .singleResult()
                    .getId();
            Map<String, Object> valid = new HashMap<>(Map.of("patientId", patient.fhirId()));
            return new OpenForm(
                    valid,
                    answers -> forms.submitStartForm(definition, answers),
                    Map.of("patientId", patient.fhirId()));
        });
        routes.put("review-case-finding", () -> {
            // a practice of its own with one patient to list; the review's answer confirms everyone it lists
            String code = "L" + String.format("%05d", (int) (System.nanoTime() % 100_000));
            Practice practice = practices.save(Practice.of(code, "Limits Surgery " + code, "Borough"));
            Patient listed =
                    patients.save(Patient.register(null, "Listed", "Patient", LocalDate.of(1950, 1, 1), practice.id()));
            conditions.save(
                    Condition.diagnosed(listed.id(), "38341003", "Hypertensive disorder", LocalDate.of(2015, 1, 1)));
            conditions.save(
                    Condition.diagnosed(listed.id(), "44054006", "Type 2 diabetes mellitus", LocalDate.of(2015, 1, 1)));
            conditions.save(Condition.diagnosed(listed.id(), "13645005", "COPD", LocalDate.of(2015, 1, 1)));
            CaseFindingRun run = caseFindingRuns.request(practice, "test");
            runJobs();
            Task review = tasks.createTaskQuery()
                    .taskDefinitionKey(CaseFinding.REVIEW_CASE_FINDING_LIST)
                    .processInstanceBusinessKey("case-finding-" + run.id())
                    .singleResult();
            assertThat(review).as("the review task of run %s", run.id()).isNotNull();
            List<String> everyone = new ArrayList<>();
            form(String.valueOf(tasks.getVariable(review.getId(), "candidateChoices")))
                    .forEach(choice -> everyone.add(choice.path("value").asText()));
            assertThat(everyone).hasSize(1);
            Map<String, Object> valid = new HashMap<>(Map.of("confirmed", everyone));
            return new OpenForm(valid, answers -> forms.submitTaskForm(review.getId(), answers));
        });
        routes.put(FormAnswers.PREPARE_MDT_AGENDA, () -> {
            String meeting = meetingWithOnePerson();
            return onMeetingTask(
                    meeting,
                    MdtMeeting.PREPARE_AGENDA,
                    FormAnswers.of(FormAnswers.PREPARE_MDT_AGENDA),
                    Map.of("agendaOrder", "1" + ",".repeat(199), "agendaRemovals", "1: " + "x".repeat(1997)));
        });
        routes.put(FormAnswers.OPEN_MDT_MEETING, () -> {
            String meeting = meetingWithOnePerson();
            submitMeetingTask(meeting, MdtMeeting.PREPARE_AGENDA, FormAnswers.of(FormAnswers.PREPARE_MDT_AGENDA));
            StringBuilder attendees = new StringBuilder("Dr A Lee (GP), Practice");
            while (attendees.length() + 24 <= 2000) {
                attendees.append("\nJo Baker (nurse), Pharmacy");
            }
            attendees.insert(2, " ".repeat(2000 - attendees.length()));
            return onMeetingTask(
                    meeting,
                    MdtMeeting.OPEN_MEETING,
                    FormAnswers.of(FormAnswers.OPEN_MDT_MEETING),
                    Map.of("attendees", attendees.toString()));
        });
        routes.put(FormAnswers.DISCUSS_MDT_PATIENT, () -> {
            String meeting = meetingWithOnePerson();
            submitMeetingTask(meeting, MdtMeeting.PREPARE_AGENDA, FormAnswers.of(FormAnswers.PREPARE_MDT_AGENDA));
            submitMeetingTask(meeting, MdtMeeting.OPEN_MEETING, FormAnswers.of(FormAnswers.OPEN_MDT_MEETING));
            return onMeetingTask(
                    meeting,
                    MdtMeeting.DISCUSS_PATIENT,
                    FormAnswers.of(FormAnswers.DISCUSS_MDT_PATIENT),
                    Map.of("meetingActions", "GP: " + "x".repeat(995) + "\nGP: " + "x".repeat(996)));
        });
        return routes;
    }

    /**
     * A neighbourhood MDT meeting of a neighbourhood of its own, whose agenda lists one person, whose review is open:
     * the meeting's process instance.
     */
    private String meetingWithOnePerson() {
        int n = (int) (System.nanoTime() % 100_000);
        String lead = "q" + n;
        Practice practice = fixture.practiceIn(String.format("Q%05d", n), "Limits" + n, lead);
        Patient patient = fixture.patientWithConditions(practice, 3);
        identify(patient);
        assignNamedProfessional(patient, lead);
        acceptInvitation(patient);
        assessNeeds(patient, false, false, "high");
        holdCarePlanningMeeting(patient);
        complete(
                patient,
                CoordinatedCare.CONFIRM_REFERRALS,
                FormAnswers.with(FormAnswers.CONFIRM_REFERRALS, "referralTypes", List.of()));
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        String meeting = runtime.startProcessInstanceByKey(MdtMeeting.PROCESS, Map.of("neighbourhood", "Limits" + n))
                .getId();
        runJobs();
        return meeting;
    }

    private Task meetingTask(String meeting, String key) {
        Task task = tasks.createTaskQuery()
                .processInstanceId(meeting)
                .taskDefinitionKey(key)
                .singleResult();
        assertThat(task).as("open task %s of meeting %s", key, meeting).isNotNull();
        return task;
    }

    private void submitMeetingTask(String meeting, String key, Map<String, Object> answers) {
        forms.submitTaskForm(meetingTask(meeting, key).getId(), answers);
        runJobs();
    }

    private OpenForm onMeetingTask(
            String meeting, String key, Map<String, Object> valid, Map<String, Object> realAtTheLimit) {
        String taskId = meetingTask(meeting, key).getId();
        return new OpenForm(valid, answers -> forms.submitTaskForm(taskId, answers), realAtTheLimit);
    }

    private Patient invited() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        assignNamedProfessional(patient, "tgp");
        return patient;
    }

    private Patient needsACoordinator() {
        Patient patient = fixture.patientWithConditions(3);
        pathwayAwaitingMdtReview(patient, List.of());
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        holdMdtReview(patient, "rising", 1, false, "continue");
        return patient;
    }

    private Patient coordinatorAppointed() {
        Patient patient = needsACoordinator();
        complete(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR, "careCoordinator", "tcoord1");
        complete(patient, CoordinatedCare.DECIDE_FUNDING, FormAnswers.of(FormAnswers.DECIDE_FUNDING));
        return patient;
    }

    private OpenForm onTask(Patient patient, String taskDefinitionKey, Map<String, Object> valid) {
        String taskId = task(patient, taskDefinitionKey).getId();
        return new OpenForm(valid, answers -> forms.submitTaskForm(taskId, answers));
    }

    /** Submits and rolls back whatever the submission did: null when accepted, else what refused it. */
    private Throwable tryOut(OpenForm form, Map<String, Object> answers) {
        try {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                status.setRollbackOnly();
                form.submit().accept(answers);
            });
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    private static String refusedField(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormInputException refused) {
                return refused.getField();
            }
        }
        return null;
    }

    private static JsonNode form(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static JsonNode form(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not JSON", e);
        }
    }

    @Test
    void everyFormInFormsHasARouteHere() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            assertThat(routes().keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            files.filter(f -> f.toString().endsWith(".form"))
                                    .map(f -> form(f).path("id").asText())
                                    .toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> theServerAcceptsEachFormsLimitsAndRefusesOneStepBeyond() throws IOException {
        Map<String, Supplier<OpenForm>> routes = routes();
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("forms"))) {
            files = listed.filter(f -> f.toString().endsWith(".form")).sorted().toList();
        }
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    JsonNode form = form(file);
                    List<Limit> limits = limits(form);
                    if (limits.isEmpty()) {
                        return;
                    }
                    removeRunningPathways(); // dynamic tests share one @AfterEach: each starts with no pathway running
                    OpenForm open = routes.get(form.path("id").asText()).get();
                    List<String> mismatches = new ArrayList<>();
                    Throwable asItStands = tryOut(open, open.valid());
                    if (asItStands != null) {
                        mismatches.add("the valid answers are refused: " + asItStands.getMessage());
                    }
                    for (Limit limit : limits) {
                        Map<String, Object> beyond = new HashMap<>(open.valid());
                        // a required field left empty: Tasklist submits it as null, which also hides a suggestion the
                        // server
                        // set for the form to show (the MDT review's agencies involved)
                        beyond.put(limit.key(), limit.beyond());
                        Throwable refused = tryOut(open, beyond);
                        if (!limit.key().equals(refusedField(refused))) {
                            mismatches.add(limit.key() + " " + limit.rule() + ": one step beyond is "
                                    + (refused == null ? "accepted" : "refused for " + refused.getMessage()));
                        }
                        if (limit.atTheLimit() != null) {
                            Map<String, Object> at = new HashMap<>(open.valid());
                            at.put(limit.key(), open.realAtTheLimit().getOrDefault(limit.key(), limit.atTheLimit()));
                            Throwable accepted = tryOut(open, at);
                            if (accepted != null) {
                                mismatches.add(limit.key() + " " + limit.rule() + ": the limit itself is refused: "
                                        + accepted.getMessage());
                            }
                        }
                    }
                    assertThat(mismatches).as(file.toString()).isEmpty();
                }));
    }
}
