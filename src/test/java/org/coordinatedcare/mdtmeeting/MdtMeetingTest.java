package org.coordinatedcare.mdtmeeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtMeeting;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.mdt.MdtReviewRepository;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Meeting;
import org.coordinatedcare.pathway.PathwayTestSupport;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.Practice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A neighbourhood MDT meeting on the real diagrams: its agenda from the reviews due in the neighbourhood's practices
 * only, each outcome landing in that person's own pathway as their MDT review, carry-over, a coordinator appointed
 * from a meeting, and a forged agenda item refused. Each test makes neighbourhoods of its own, so other tests' data
 * never reaches its agenda.
 */
class MdtMeetingTest extends PathwayTestSupport {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    MdtMeetings meetings;

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    MdtReviewRepository reviews;

    @Autowired
    JdbcClient jdbc;

    /** Two practices of one neighbourhood and one practice of another, each with a GP who leads. */
    record Hood(String name, Practice first, Practice second, String otherName, Practice other) {}

    private Hood hood() {
        int n = (int) (System.nanoTime() % 10_000) * 10 + NEXT.incrementAndGet() % 10;
        String name = "Meet" + n;
        Practice first = fixture.practiceIn(String.format("M%05d", n), name, "ma" + n);
        Practice second = fixture.practiceIn(String.format("N%05d", n), name, "mb" + n);
        Practice other = fixture.practiceIn(String.format("O%05d", n), "Else" + n, "mc" + n);
        return new Hood(name, first, second, "Else" + n, other);
    }

    /** The GP who leads the practice: {@code ma12345} for {@code M12345}, as {@link #hood()} made them. */
    private static String gpOf(Practice practice) {
        char letter = (char) ('a' + "MNO".indexOf(practice.odsCode().charAt(0)));
        return "m" + letter + Integer.parseInt(practice.odsCode().substring(1));
    }

    private void fireReviewTimer(Patient patient) {
        Job timer = management
                .createJobQuery()
                .activityId(CoordinatedCare.TIMER_MDT_REVIEW_DUE)
                .processInstanceId(episode(patient).processInstanceId())
                .singleResult();
        management.executeJob(timer.getId());
        runJobs();
    }

    /** A patient of the practice on the pathway, waiting for an MDT review that falls due in this many days. */
    private Patient awaitingReview(Practice practice, int dueInDays) {
        Patient patient = fixture.patientWithConditions(practice, 3);
        identify(patient);
        assignNamedProfessional(patient, gpOf(practice));
        acceptInvitation(patient);
        assessNeeds(patient, false, false, "high");
        holdCarePlanningMeeting(patient);
        complete(
                patient,
                CoordinatedCare.CONFIRM_REFERRALS,
                FormAnswers.with(FormAnswers.CONFIRM_REFERRALS, "referralTypes", List.of()));
        Job timer = management
                .createJobQuery()
                .activityId(CoordinatedCare.TIMER_MDT_REVIEW_DUE)
                .processInstanceId(episode(patient).processInstanceId())
                .singleResult();
        management.setJobDuedate(
                timer.getId(),
                Date.from(LocalDate.now()
                        .plusDays(dueInDays)
                        .atStartOfDay(ZoneId.systemDefault())
                        .toInstant()));
        return patient;
    }

    private Episode episode(Patient patient) {
        return episodes.findByActivePatientId(patient.id()).orElseThrow();
    }

    private ProcessInstance callMeeting(String neighbourhood) {
        ProcessInstance meeting =
                runtime.startProcessInstanceByKey(MdtMeeting.PROCESS, Map.of("neighbourhood", neighbourhood));
        runJobs();
        return meeting;
    }

    private Meeting meeting(ProcessInstance instance) {
        return meetings.byProcessInstance(instance.getId()).orElseThrow();
    }

    private List<Item> agenda(ProcessInstance instance) {
        return meetings.agenda(meeting(instance).id());
    }

    private Task meetingTask(ProcessInstance instance, String key) {
        return tasks.createTaskQuery()
                .processInstanceId(instance.getId())
                .taskDefinitionKey(key)
                .singleResult();
    }

    private void submit(ProcessInstance instance, String key, Map<String, Object> answers) {
        Task task = meetingTask(instance, key);
        assertThat(task).as("open task " + key).isNotNull();
        forms.submitTaskForm(task.getId(), answers);
        runJobs();
    }

    private void openMeeting(ProcessInstance instance) {
        submit(instance, MdtMeeting.PREPARE_AGENDA, FormAnswers.of(FormAnswers.PREPARE_MDT_AGENDA));
        submit(instance, MdtMeeting.OPEN_MEETING, FormAnswers.of(FormAnswers.OPEN_MDT_MEETING));
    }

    private void discuss(ProcessInstance instance, Object... overrides) {
        submit(instance, MdtMeeting.DISCUSS_PATIENT, FormAnswers.with(FormAnswers.DISCUSS_MDT_PATIENT, overrides));
    }

    @Test
    void theAgendaListsTheReviewsDueInTheNeighbourhoodsPracticesOnly() {
        Hood hood = hood();
        Patient dueSecond = awaitingReview(hood.second(), 12);
        Patient dueFirst = awaitingReview(hood.first(), 5);
        Patient dueLater = awaitingReview(hood.first(), 90);
        Patient otherHood = awaitingReview(hood.other(), 5);

        ProcessInstance meeting = callMeeting(hood.name());

        assertThat(agenda(meeting))
                .extracting(Item::episodeId)
                .containsExactly(episode(dueFirst).id(), episode(dueSecond).id());
        assertThat(agenda(meeting)).allSatisfy(item -> assertThat(item.source()).isEqualTo("REVIEW_DUE"));
        assertThat(meeting(meeting).neighbourhood()).isEqualTo(hood.name());
        Task preparation = meetingTask(meeting, MdtMeeting.PREPARE_AGENDA);
        assertThat(tasks.getIdentityLinksForTask(preparation.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId())
                        .isEqualTo("mdt-" + hood.name().toLowerCase()));
        assertThat(String.valueOf(tasks.getVariable(preparation.getId(), "fromEarlierSteps")))
                .contains(dueFirst.displayName(), dueSecond.displayName())
                .doesNotContain(dueLater.displayName(), otherHood.displayName());

        ProcessInstance elsewhere = callMeeting(hood.otherName());
        assertThat(agenda(elsewhere))
                .extracting(Item::episodeId)
                .containsExactly(episode(otherHood).id());
    }

    @Test
    void eachOutcomeGoesOnInThePatientsOwnPathway() {
        Hood hood = hood();
        Patient waiting = awaitingReview(hood.first(), 3);
        Patient reviewOpen = awaitingReview(hood.second(), 3);
        fireReviewTimer(reviewOpen);
        assertThat(openTasks(reviewOpen, MdtReview.HOLD_MDT_REVIEW)).hasSize(1);

        ProcessInstance meeting = callMeeting(hood.name());
        // the open review is due now, so listed first; the chair takes the other person first
        assertThat(agenda(meeting))
                .extracting(Item::episodeId)
                .containsExactly(episode(reviewOpen).id(), episode(waiting).id());
        submit(
                meeting,
                MdtMeeting.PREPARE_AGENDA,
                FormAnswers.with(FormAnswers.PREPARE_MDT_AGENDA, "agendaOrder", "2"));
        assertThat(agenda(meeting))
                .extracting(Item::episodeId)
                .containsExactly(episode(waiting).id(), episode(reviewOpen).id());
        submit(meeting, MdtMeeting.OPEN_MEETING, FormAnswers.of(FormAnswers.OPEN_MDT_MEETING));

        discuss(meeting, "meetingOutcome", "continue", "needTrend", "improving");
        discuss(meeting, "meetingOutcome", "updatePlan", "needTrend", "stable", "agenciesInvolved", 2);

        // the open review was taken over by the meeting; the person goes on to update their plan
        assertThat(openTasks(reviewOpen, MdtReview.HOLD_MDT_REVIEW)).isEmpty();
        assertThat(openTasks(reviewOpen, CarePlanning.HOLISTIC_ASSESSMENT)).hasSize(1);
        assertThat(reviews.findByEpisodeIdOrderById(episode(reviewOpen).id()))
                .singleElement()
                .satisfies(review -> {
                    assertThat(review.status()).isEqualTo("HELD");
                    assertThat(review.outcome()).isEqualTo("updatePlan");
                    assertThat(review.needTrend()).isEqualTo("stable");
                    assertThat(review.agenciesInvolved()).isEqualTo(2);
                    assertThat(review.attendees()).contains("Jo Baker (district nurse) (Community nursing)");
                });
        // the waiting one: reviewed, and waiting again for the next review
        assertThat(reviews.findByEpisodeIdOrderById(episode(waiting).id()))
                .singleElement()
                .satisfies(review -> assertThat(review.outcome()).isEqualTo("continue"));
        assertThat(management
                        .createJobQuery()
                        .activityId(CoordinatedCare.TIMER_MDT_REVIEW_DUE)
                        .processInstanceId(episode(waiting).processInstanceId())
                        .count())
                .isEqualTo(1);

        Meeting closed = meeting(meeting);
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.minutes())
                .contains(
                        waiting.displayName(), reviewOpen.displayName(), "Jo Baker (district nurse), Community nursing")
                .contains("review leg ulcer dressing weekly: Community nurse");
        assertThat(jdbc.sql(
                                "select count(*) from audit_event where action = 'MDT_MEETING_ACCESS' and episode_id in (?, ?)")
                        .params(episode(waiting).id(), episode(reviewOpen).id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void peopleNotReachedCarryOverToTheNextMeeting() {
        Hood hood = hood();
        Patient first = awaitingReview(hood.first(), 2);
        Patient second = awaitingReview(hood.second(), 4);
        Patient third = awaitingReview(hood.second(), 6);

        ProcessInstance meeting = callMeeting(hood.name());
        openMeeting(meeting);
        discuss(meeting, "meetingOutcome", "notReached");
        discuss(meeting, "meetingEnds", true);

        assertThat(isEnded(meeting)).isTrue();
        assertThat(agenda(meeting))
                .extracting(Item::status)
                .containsExactly("CARRIED_OVER", "DISCUSSED", "CARRIED_OVER");
        assertThat(reviews.findByEpisodeIdOrderById(episode(first).id())).isEmpty();
        assertThat(meeting(meeting).minutes()).contains("carried over", first.displayName(), third.displayName());

        ProcessInstance next = callMeeting(hood.name());
        assertThat(agenda(next))
                .extracting(Item::episodeId, Item::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(episode(first).id(), "CARRIED_OVER"),
                        org.assertj.core.groups.Tuple.tuple(episode(third).id(), "CARRIED_OVER"));
        assertThat(second).isNotNull();
    }

    @Test
    void aMeetingCanAppointACareCoordinator() {
        Hood hood = hood();
        Patient patient = awaitingReview(hood.first(), 3);

        ProcessInstance meeting = callMeeting(hood.name());
        openMeeting(meeting);
        discuss(meeting, "meetingOutcome", "appointCoordinator", "needTrend", "stable");

        Task appoint = task(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR);
        assertThat(tasks.getIdentityLinksForTask(appoint.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId())
                        .isEqualTo("clinical-lead-" + hood.first().odsCode()));
        assertThat(reviews.findByEpisodeIdOrderById(episode(patient).id()))
                .singleElement()
                .satisfies(review -> {
                    assertThat(review.outcome()).isEqualTo("continue");
                    assertThat(review.coordinatorTrigger()).isEqualTo("MDT_MEETING_REQUESTED");
                });
    }

    @Test
    void anAgendaItemOfAnotherMeetingIsRefusedAndNothingIsWritten() {
        Hood hood = hood();
        Patient ours = awaitingReview(hood.first(), 3);
        Patient theirs = awaitingReview(hood.other(), 3);
        ProcessInstance meeting = callMeeting(hood.name());
        ProcessInstance other = callMeeting(hood.otherName());
        openMeeting(meeting);
        Item foreign = agenda(other).get(0);

        Task discuss = meetingTask(meeting, MdtMeeting.DISCUSS_PATIENT);
        runtime.setVariableLocal(discuss.getExecutionId(), "agendaItemId", foreign.id());
        assertThatThrownBy(() -> forms.submitTaskForm(discuss.getId(), FormAnswers.of(FormAnswers.DISCUSS_MDT_PATIENT)))
                .hasRootCauseInstanceOf(FormInputException.class)
                .hasMessageContaining("not on this meeting's agenda");

        assertThat(meetings.item(foreign.id()).orElseThrow().status()).isEqualTo("LISTED");
        assertThat(reviews.findByEpisodeIdOrderById(episode(theirs).id())).isEmpty();
        assertThat(reviews.findByEpisodeIdOrderById(episode(ours).id())).isEmpty();
        assertThat(meetingTask(meeting, MdtMeeting.DISCUSS_PATIENT)).isNotNull();
    }
}
