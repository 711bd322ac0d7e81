package org.coordinatedcare.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coordinatedcare.FormAnswers.CONFIRM_REFERRALS;
import static org.coordinatedcare.FormAnswers.DECIDE_AFTER_NO_RESPONSE;
import static org.coordinatedcare.FormAnswers.RECORD_INVITATION_RESPONSE;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.migration.ProcessMigrations.Mapping;
import org.coordinatedcare.migration.ProcessMigrations.Plan;
import org.coordinatedcare.migration.ProcessMigrations.Request;
import org.coordinatedcare.pathway.PathwayTestSupport;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A changed coordinated-care (a task renamed, one added, one moved into a new sub-process) deployed over pathways
 * waiting in every kind of state, migrated, and driven to closure with nothing lost or written twice. The changed
 * version is deployed under the real key (the Java code and the start message rely on it) and its deployment deleted
 * in a finally block, which makes the previous version the latest again (its start message included), so tests after
 * this one start the real diagram.
 */
class PathwayMigrationTest extends PathwayTestSupport {

    static final String KEY = "coordinated-care";
    static final String RENAMED = "Task_DecideFundedServices";
    static final String ADDED = "Task_TellPatientTheirCoordinator";
    static final String NEW_SCOPE = "SubProcess_AppointCoordinator";
    static final int PATHWAYS = Integer.getInteger("migration.pathways", 200);

    /** Where a pathway waits when the new version is deployed. */
    enum State {
        ASSIGN_NAMED_PROFESSIONAL,
        INVITATION_RESPONSE_AND_REMINDER_TIMER,
        DECIDE_AFTER_NO_RESPONSE,
        CARE_PLANNING,
        CONFIRM_REFERRALS,
        REFERRAL_RESPONSE_AND_MDT_TIMER,
        REFERRAL_OUTCOME_AND_MDT_TIMER,
        MDT_REVIEW,
        APPOINT_COORDINATOR,
        DECIDE_FUNDING,
        SCHEDULE_COORDINATED_CARE,
        COORDINATOR_HANDOVER,
        AGREE_CLOSURE
    }

    @Autowired
    RepositoryService repository;

    @Autowired
    ProcessMigrations migrations;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void movesPathwaysInEveryWaitingStateToTheNewVersionAndClosesEachOnce() {
        Instant started = Instant.now();
        ProcessDefinition v1 = latest();
        Map<State, List<Patient>> waiting = new EnumMap<>(State.class);
        for (int i = 0; i < PATHWAYS; i++) {
            State state = State.values()[i % State.values().length];
            Patient patient = fixture.patientWithConditions(3);
            driveTo(state, patient);
            waiting.computeIfAbsent(state, s -> new ArrayList<>()).add(patient);
        }
        Instant driven = Instant.now();
        String deployment = deployChangedVersion(v1);
        try {
            ProcessDefinition v2 = latest();
            assertThat(v2.getVersion()).isGreaterThan(v1.getVersion());
            long before = runtime.createProcessInstanceQuery()
                    .processDefinitionId(v1.getId())
                    .count();
            assertThat(before).isGreaterThanOrEqualTo(PATHWAYS);

            // without the renamed task's mapping, the plan names every pathway waiting in it, with the activity
            Plan withoutRename = migrations.plan(new Request(KEY, v1.getVersion(), v2.getVersion(), List.of(moved())));
            assertThat(withoutRename.valid()).isTrue();
            assertThat(withoutRename.notMigratable())
                    .hasSize(waiting.get(State.DECIDE_FUNDING).size())
                    .allSatisfy(s -> assertThat(s.reasons())
                            .singleElement()
                            .asString()
                            .contains(CoordinatedCare.DECIDE_FUNDING));

            Request request = new Request(
                    KEY,
                    v1.getVersion(),
                    v2.getVersion(),
                    List.of(moved(), new Mapping(CoordinatedCare.DECIDE_FUNDING, RENAMED)));
            Plan plan = migrations.plan(request);
            assertThat(plan.notMigratable()).isEmpty();
            assertThat(plan.migratable()).isEqualTo((int) before);

            Counts domainBefore = counts();
            ProcessMigrations.Started batch = migrations.execute(request, "owner");
            runJobs(); // the batch: seed job, one job per instance
            assertThat(runtime.createProcessInstanceQuery()
                            .processDefinitionId(v1.getId())
                            .count())
                    .isZero();
            assertThat(runtime.createProcessInstanceQuery()
                            .processDefinitionId(v2.getId())
                            .count())
                    .isEqualTo(before);
            assertThat(migrations.status(batch.batchId(), KEY).failed()).isZero();
            assertThat(jdbc.queryForObject(
                            "select count(*) from audit_event where action = 'PATHWAY_MIGRATED' and details like ?",
                            Integer.class,
                            "%batch " + batch.batchId() + ")"))
                    .isEqualTo((int) before);
            // moving wrote nothing to the clinical record
            assertThat(counts()).isEqualTo(domainBefore);
            Instant migrated = Instant.now();

            waiting.forEach((state, patients) -> patients.forEach(patient -> finish(state, patient)));

            for (List<Patient> patients : waiting.values()) {
                for (Patient patient : patients) {
                    assertClosedOnceWithNothingTwice(patient);
                }
            }
            assertThat(management.createJobQuery().withException().count()).isZero();
            System.out.printf(
                    "PathwayMigrationTest: %d pathways driven in %s, migrated in %s, closed in %s%n",
                    PATHWAYS,
                    Duration.between(started, driven),
                    Duration.between(driven, migrated),
                    Duration.between(migrated, Instant.now()));
        } finally {
            repository.deleteDeployment(deployment, true);
        }
        assertThat(latest().getId()).isEqualTo(v1.getId());
    }

    @Test
    void pathwaysThatAreNotMovedKeepWorkingOnTheirVersion() {
        ProcessDefinition v1 = latest();
        Patient stays = fixture.patientWithConditions(3);
        driveTo(State.DECIDE_FUNDING, stays);
        Patient moves = fixture.patientWithConditions(3);
        driveTo(State.SCHEDULE_COORDINATED_CARE, moves);
        String deployment = deployChangedVersion(v1);
        try {
            ProcessDefinition v2 = latest();
            // a mapping to an activity the new version lacks is bad input naming the mapping
            assertThatThrownBy(() -> migrations.plan(new Request(
                            KEY,
                            v1.getVersion(),
                            v2.getVersion(),
                            List.of(new Mapping(CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL, "Task_Nowhere")))))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.getField()).isEqualTo("mappings[0].to"));

            // no mapping for the renamed task: the pathway waiting in it is skipped and stays on its version
            ProcessMigrations.Started batch =
                    migrations.execute(new Request(KEY, v1.getVersion(), v2.getVersion(), List.of(moved())), "owner");
            assertThat(batch.skipped())
                    .extracting(ProcessMigrations.Skipped::businessKey)
                    .contains(stays.fhirId());
            runJobs();
            assertThat(definitionOf(stays)).isEqualTo(v1.getId());
            assertThat(definitionOf(moves)).isEqualTo(v2.getId());
            assertThat(migrations.runningPerVersion(KEY))
                    .containsEntry(v2.getVersion(), 1L)
                    .hasEntrySatisfying(v1.getVersion(), n -> assertThat(n).isGreaterThanOrEqualTo(1L));

            // the old version goes on as it was: funding, then scheduling, then back to the MDT loop; no added task
            complete(stays, CoordinatedCare.DECIDE_FUNDING, FormAnswers.of(FormAnswers.DECIDE_FUNDING));
            complete(
                    stays,
                    CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                    FormAnswers.of(FormAnswers.SCHEDULE_COORDINATED_CARE));
            assertThat(openTasks(stays, ADDED)).isEmpty();
            closeByEvent(stays);
            assertClosedOnceWithNothingTwice(stays);

            // the moved one takes the new step
            complete(
                    moves,
                    CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                    FormAnswers.of(FormAnswers.SCHEDULE_COORDINATED_CARE));
            tasks.complete(task(moves, ADDED).getId());
            runJobs();
            closeByEvent(moves);
            assertClosedOnceWithNothingTwice(moves);
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    // ---- the changed version, built from the deployed model with the model API

    private static Mapping moved() {
        return new Mapping(CoordinatedCare.APPOINT_CARE_COORDINATOR, CoordinatedCare.APPOINT_CARE_COORDINATOR);
    }

    private String deployChangedVersion(ProcessDefinition v1) {
        BpmnModelInstance model = repository.getBpmnModelInstance(v1.getId()).clone();
        Process process = model.getModelElementById(KEY);

        // renamed: "Decide funded activities and services" gets a new id and name
        UserTask funding = model.getModelElementById(CoordinatedCare.DECIDE_FUNDING);
        funding.setId(RENAMED);
        funding.setName("Decide funded services");

        // added: after scheduling, the coordinator tells the patient who coordinates their care
        UserTask schedule = model.getModelElementById(CoordinatedCare.SCHEDULE_COORDINATED_CARE);
        SequenceFlow scheduled = schedule.getOutgoing().iterator().next();
        FlowNode settled = scheduled.getTarget();
        UserTask tell = model.newInstance(UserTask.class);
        tell.setId(ADDED);
        tell.setName("Tell the patient who their care coordinator is");
        tell.setCamundaAssignee("${careCoordinator}");
        process.addChildElement(tell);
        retarget(scheduled, tell);
        connect(model, process, tell, settled, "Flow_ToldPatient");

        // moved: appointing the coordinator now happens inside a sub-process of its own
        UserTask appoint = model.getModelElementById(CoordinatedCare.APPOINT_CARE_COORDINATOR);
        SequenceFlow into = appoint.getIncoming().iterator().next();
        SequenceFlow out = appoint.getOutgoing().iterator().next();
        SubProcess scope = model.newInstance(SubProcess.class);
        scope.setId(NEW_SCOPE);
        scope.setName("Appoint a care coordinator");
        process.addChildElement(scope);
        FlowNode funder = out.getTarget();
        retarget(into, scope);
        appoint.getOutgoing().remove(out);
        out.setSource(scope);
        scope.getOutgoing().add(out);
        process.removeChildElement(appoint);
        StartEvent start = model.newInstance(StartEvent.class);
        start.setId("StartEvent_AppointCoordinator");
        scope.addChildElement(start);
        scope.addChildElement(appoint);
        EndEvent end = model.newInstance(EndEvent.class);
        end.setId("End_CoordinatorAppointed");
        scope.addChildElement(end);
        assertThat(out.getTarget()).isSameAs(funder);
        connect(model, scope, start, appoint, "Flow_StartAppointing");
        connect(model, scope, appoint, end, "Flow_Appointed");

        // the moved task's shape lost its element when the task left the process; the picture is Modeler's to redraw
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            if (shape.getBpmnElement() == null) {
                shape.getParentElement().removeChildElement(shape);
            }
        }
        Bpmn.validateModel(model);
        DeploymentBuilder builder = repository
                .createDeployment()
                .name("migration test: coordinated-care changed")
                .addModelInstance("coordinated-care.bpmn", model);
        // user tasks bind their forms to their own deployment
        for (String resource : repository.getDeploymentResourceNames(v1.getDeploymentId())) {
            if (resource.endsWith(".form")) {
                builder.addInputStream(resource, bytes(repository.getResourceAsStream(v1.getDeploymentId(), resource)));
            }
        }
        return builder.deploy().getId();
    }

    private static void retarget(SequenceFlow flow, FlowNode target) {
        flow.getTarget().getIncoming().remove(flow);
        flow.setTarget(target);
        target.getIncoming().add(flow);
    }

    private static void connect(
            BpmnModelInstance model,
            org.camunda.bpm.model.xml.instance.ModelElementInstance container,
            FlowNode from,
            FlowNode to,
            String id) {
        SequenceFlow flow = model.newInstance(SequenceFlow.class);
        flow.setId(id);
        container.addChildElement(flow);
        flow.setSource(from);
        flow.setTarget(to);
        from.getOutgoing().add(flow);
        to.getIncoming().add(flow);
    }

    private static InputStream bytes(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return new java.io.ByteArrayInputStream(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessDefinition latest() {
        return repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult();
    }

    private String definitionOf(Patient patient) {
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(patient.fhirId())
                .processDefinitionKey(KEY)
                .singleResult()
                .getProcessDefinitionId();
    }

    // ---- driving pathways on the old version, then on the new

    private void driveTo(State state, Patient patient) {
        identify(patient);
        if (state == State.ASSIGN_NAMED_PROFESSIONAL) {
            return;
        }
        assignNamedProfessional(patient, "tgp");
        if (state == State.INVITATION_RESPONSE_AND_REMINDER_TIMER) {
            return;
        }
        if (state == State.DECIDE_AFTER_NO_RESPONSE) {
            complete(
                    patient,
                    CoordinatedCare.RECORD_INVITATION_RESPONSE,
                    FormAnswers.with(RECORD_INVITATION_RESPONSE, "invitationResponse", "declined"));
            return;
        }
        acceptInvitation(patient);
        if (state == State.CARE_PLANNING) {
            return;
        }
        assessNeeds(patient, false, false, "high");
        holdCarePlanningMeeting(patient);
        if (state == State.CONFIRM_REFERRALS) {
            return;
        }
        boolean referral =
                state == State.REFERRAL_RESPONSE_AND_MDT_TIMER || state == State.REFERRAL_OUTCOME_AND_MDT_TIMER;
        complete(
                patient,
                CoordinatedCare.CONFIRM_REFERRALS,
                FormAnswers.with(
                        CONFIRM_REFERRALS, "referralTypes", referral ? List.of("SOCIAL_PRESCRIBING") : List.of()));
        if (state == State.REFERRAL_RESPONSE_AND_MDT_TIMER) {
            return;
        }
        if (state == State.REFERRAL_OUTCOME_AND_MDT_TIMER) {
            complete(
                    patient,
                    CoordinatedCare.RECORD_REFERRAL_RESPONSE,
                    FormAnswers.of(FormAnswers.RECORD_REFERRAL_RESPONSE));
            return;
        }
        fireMdtTimer(patient);
        if (state == State.MDT_REVIEW) {
            return;
        }
        if (state == State.AGREE_CLOSURE) {
            holdMdtReview(patient, "stable", 1, false, "proposeClosure");
            return;
        }
        holdMdtReview(patient, "rising", 1, false, "continue");
        if (state == State.APPOINT_COORDINATOR) {
            return;
        }
        complete(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR, "careCoordinator", "tcoord1");
        if (state == State.DECIDE_FUNDING) {
            return;
        }
        complete(patient, CoordinatedCare.DECIDE_FUNDING, FormAnswers.of(FormAnswers.DECIDE_FUNDING));
        if (state == State.SCHEDULE_COORDINATED_CARE) {
            return;
        }
        complete(
                patient,
                CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                FormAnswers.of(FormAnswers.SCHEDULE_COORDINATED_CARE));
        runtime.createMessageCorrelation(Messages.COORDINATOR_CHANGE_REQUESTED)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
        assertThat(openTasks(patient, CoordinatedCare.HAND_OVER_ON_REQUEST)).hasSize(1);
    }

    /** From where the pathway waited, on the new version, to the end of its episode. */
    private void finish(State state, Patient patient) {
        switch (state) {
            case ASSIGN_NAMED_PROFESSIONAL -> {
                assignNamedProfessional(patient, "tgp");
                assertThat(openTasks(patient, CoordinatedCare.RECORD_INVITATION_RESPONSE))
                        .hasSize(1);
                closeByEvent(patient);
            }
            case INVITATION_RESPONSE_AND_REMINDER_TIMER -> {
                fireOwnTimer(patient, CoordinatedCare.TIMER_INVITATION_REMINDER_DUE);
                acceptInvitation(patient);
                assertThat(openTasks(patient, CarePlanning.HOLISTIC_ASSESSMENT)).hasSize(1);
                closeByEvent(patient);
            }
            case DECIDE_AFTER_NO_RESPONSE ->
                complete(patient, CoordinatedCare.DECIDE_AFTER_NO_RESPONSE, FormAnswers.of(DECIDE_AFTER_NO_RESPONSE));
            case CARE_PLANNING -> {
                assessNeeds(patient, false, false, "high");
                holdCarePlanningMeeting(patient);
                complete(
                        patient,
                        CoordinatedCare.CONFIRM_REFERRALS,
                        FormAnswers.with(CONFIRM_REFERRALS, "referralTypes", List.of()));
                closeByEvent(patient);
            }
            case CONFIRM_REFERRALS -> {
                complete(
                        patient,
                        CoordinatedCare.CONFIRM_REFERRALS,
                        FormAnswers.with(CONFIRM_REFERRALS, "referralTypes", List.of()));
                closeByEvent(patient);
            }
            case REFERRAL_RESPONSE_AND_MDT_TIMER -> {
                complete(
                        patient,
                        CoordinatedCare.RECORD_REFERRAL_RESPONSE,
                        FormAnswers.with(FormAnswers.RECORD_REFERRAL_RESPONSE, "referralResponse", "declined"));
                fireMdtTimer(patient);
                holdMdtReview(patient, "stable", 1, false, "continue");
                closeByEvent(patient);
            }
            case REFERRAL_OUTCOME_AND_MDT_TIMER -> {
                complete(
                        patient,
                        CoordinatedCare.RECORD_REFERRAL_OUTCOME,
                        FormAnswers.of(FormAnswers.RECORD_REFERRAL_OUTCOME));
                closeByEvent(patient);
            }
            case MDT_REVIEW -> {
                holdMdtReview(patient, "stable", 1, false, "proposeClosure");
                complete(patient, CoordinatedCare.AGREE_CLOSURE, FormAnswers.of(FormAnswers.AGREE_CLOSURE));
            }
            case APPOINT_COORDINATOR -> {
                complete(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR, "careCoordinator", "tcoord1");
                completeNewCoordinatorSteps(patient, true);
                closeByEvent(patient);
            }
            case DECIDE_FUNDING -> {
                completeNewCoordinatorSteps(patient, true);
                closeByEvent(patient);
            }
            case SCHEDULE_COORDINATED_CARE -> {
                completeNewCoordinatorSteps(patient, false);
                closeByEvent(patient);
            }
            case COORDINATOR_HANDOVER -> {
                complete(
                        patient,
                        CoordinatedCare.HAND_OVER_ON_REQUEST,
                        FormAnswers.with(FormAnswers.HAND_OVER_COORDINATION, "newCareCoordinator", "tcoord2"));
                closeByEvent(patient);
            }
            case AGREE_CLOSURE ->
                complete(patient, CoordinatedCare.AGREE_CLOSURE, FormAnswers.of(FormAnswers.AGREE_CLOSURE));
        }
    }

    /** The renamed funding decision (when still to come), scheduling, and the added step; then the MDT loop again. */
    private void completeNewCoordinatorSteps(Patient patient, boolean funding) {
        if (funding) {
            complete(patient, RENAMED, FormAnswers.of(FormAnswers.DECIDE_FUNDING));
        }
        complete(
                patient,
                CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                FormAnswers.of(FormAnswers.SCHEDULE_COORDINATED_CARE));
        tasks.complete(task(patient, ADDED).getId());
        runJobs();
        assertThat(management
                        .createJobQuery()
                        .processInstanceId(pathwayId(patient))
                        .activityId(CoordinatedCare.TIMER_MDT_REVIEW_DUE)
                        .count())
                .isEqualTo(1);
    }

    private void closeByEvent(Patient patient) {
        runtime.createMessageCorrelation(Messages.PATIENT_DECLINED_CARE)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
    }

    private void fireMdtTimer(Patient patient) {
        fireOwnTimer(patient, CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        assertThat(openTasks(patient, MdtReview.HOLD_MDT_REVIEW)).hasSize(1);
    }

    /** The patient's own timer: many pathways wait on the same timer here, so {@code fireTimer} would find several. */
    private void fireOwnTimer(Patient patient, String activityId) {
        var timer = management
                .createJobQuery()
                .processInstanceId(pathwayId(patient))
                .activityId(activityId)
                .singleResult();
        assertThat(timer).as(activityId).isNotNull();
        management.executeJob(timer.getId());
        runJobs();
    }

    private String pathwayId(Patient patient) {
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(patient.fhirId())
                .processDefinitionKey(KEY)
                .singleResult()
                .getId();
    }

    // ---- nothing lost, nothing written twice

    record Counts(
            long episodes, long referrals, long carePlans, long fundingDecisions, long coordinators, long mdtReviews) {}

    private Counts counts() {
        return new Counts(
                count("episode"),
                count("referral"),
                count("care_plan"),
                count("funding_decision"),
                count("coordinator_assignment"),
                count("mdt_review"));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private void assertClosedOnceWithNothingTwice(Patient patient) {
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(patient.fhirId())
                        .count())
                .as("running pathways of " + patient.fhirId())
                .isZero();
        List<Map<String, Object>> episodes =
                jdbc.queryForList("select id, status, closed_at from episode where patient_id = ?", patient.id());
        assertThat(episodes)
                .as("episodes of " + patient.fhirId())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("STATUS")).isEqualTo("CLOSED");
                    assertThat(e.get("CLOSED_AT")).isNotNull();
                });
        long episode = ((Number) episodes.get(0).get("ID")).longValue();
        assertThat(perEpisode("audit_event", episode, " and action = 'PATHWAY_CLOSED'"))
                .isEqualTo(1);
        assertThat(perEpisode("referral", episode, "")).isLessThanOrEqualTo(1);
        assertThat(perEpisode("care_plan", episode, "")).isLessThanOrEqualTo(1);
        assertThat(perEpisode("funding_decision", episode, "")).isLessThanOrEqualTo(1);
        assertThat(perEpisode("coordinated_care_schedule", episode, "")).isLessThanOrEqualTo(1);
        assertThat(perEpisode("invitation", episode, "")).isLessThanOrEqualTo(1);
    }

    private long perEpisode(String table, long episode, String filter) {
        return jdbc.queryForObject(
                "select count(*) from " + table + " where episode_id = ?" + filter, Long.class, episode);
    }
}
