package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.coordination.BookedActivityRepository;
import org.coordinatedcare.coordination.CoordinatedCareScheduleRepository;
import org.coordinatedcare.coordination.CoordinatorAssignment;
import org.coordinatedcare.coordination.CoordinatorAssignmentRepository;
import org.coordinatedcare.coordination.FundingDecisionRepository;
import org.coordinatedcare.coordination.TransferReason;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.mdt.MdtReviewRepository;
import org.coordinatedcare.patient.EncounterType;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

class CareCoordinationTest extends PathwayTestSupport {

    enum Trigger {
        MANY_AGENCIES,
        LONG_INTERVENTION,
        RISING_NEED,
        FREQUENT_UNPLANNED_ADMISSIONS,
        HOSPITAL_DISCHARGE
    }

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    CoordinatorAssignmentRepository coordinators;

    @Autowired
    FundingDecisionRepository fundingDecisions;

    @Autowired
    CoordinatedCareScheduleRepository schedules;

    @Autowired
    BookedActivityRepository bookings;

    @Autowired
    MdtReviewRepository mdtReviews;

    /** Holds an MDT review in which exactly the given trigger event is present. */
    private void mdtReviewWith(Patient patient, Trigger trigger) {
        if (trigger == Trigger.FREQUENT_UNPLANNED_ADMISSIONS) {
            for (int months : new int[] {2, 5, 9}) {
                fixture.encounter(
                        patient,
                        EncounterType.UNPLANNED_ADMISSION,
                        LocalDate.now().minusMonths(months));
            }
        }
        if (trigger == Trigger.HOSPITAL_DISCHARGE) {
            fixture.encounter(
                    patient, EncounterType.HOSPITAL_DISCHARGE, LocalDate.now().minusDays(5));
        }
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        holdMdtReview(
                patient,
                trigger == Trigger.RISING_NEED ? "rising" : "stable",
                trigger == Trigger.MANY_AGENCIES ? 4 : 1,
                trigger == Trigger.LONG_INTERVENTION,
                "continue");
    }

    private ProcessInstance coordinatorInPost(Patient patient) {
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of());
        mdtReviewWith(patient, Trigger.RISING_NEED);
        complete(
                patient,
                CoordinatedCare.APPOINT_CARE_COORDINATOR,
                "careCoordinator",
                "tcoord1",
                "appointmentNote",
                "Knows the family");
        complete(
                patient,
                CoordinatedCare.DECIDE_FUNDING,
                "fundingDecision",
                "approved",
                "fundedServices",
                "Carer respite, 4 hours a week");
        complete(
                patient,
                CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                "scheduledActivities",
                "Respite from Monday; weekly phone call",
                "nextContactDate",
                LocalDate.now().plusDays(7).toString(),
                "booking1Activity",
                "Respite care",
                "booking1With",
                "Carers' respite service",
                "booking1Date",
                LocalDate.now().plusDays(2).toString());
        return pathway;
    }

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void appointsACareCoordinatorOnEachTriggerEvent(Trigger trigger) {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of());
        mdtReviewWith(patient, trigger);

        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        assertThat(mdtReviews.findByEpisodeIdOrderById(episode.id()))
                .singleElement()
                .satisfies(review -> assertThat(review.coordinatorTrigger()).isEqualTo(trigger.name()));
        assertThat(pathway).isWaitingAt(CoordinatedCare.APPOINT_CARE_COORDINATOR);
        complete(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR, "careCoordinator", "tcoord1");
        assertThat(coordinators.findByEpisodeIdAndEndedAtIsNull(episode.id()))
                .get()
                .satisfies(a -> assertThat(a.appointmentTrigger()).isEqualTo(trigger.name()));

        // the lead practitioner decides funding, then the coordinator schedules what was agreed
        assertThat(task(patient, CoordinatedCare.DECIDE_FUNDING).getAssignee()).isEqualTo("tgp");
        complete(patient, CoordinatedCare.DECIDE_FUNDING, "fundingDecision", "not-needed");
        assertThat(task(patient, CoordinatedCare.SCHEDULE_COORDINATED_CARE).getAssignee())
                .isEqualTo("tcoord1");
        complete(
                patient,
                CoordinatedCare.SCHEDULE_COORDINATED_CARE,
                "scheduledActivities",
                "Fortnightly call",
                "nextContactDate",
                LocalDate.now().plusDays(14).toString(),
                "booking1Activity",
                "Respite care",
                "booking1With",
                "Carers' respite service",
                "booking1Date",
                LocalDate.now().plusDays(2).toString());
        assertThat(fundingDecisions.findByEpisodeId(episode.id())).hasSize(1);
        assertThat(schedules.findByEpisodeId(episode.id())).hasSize(1);
        assertThat(bookings.findByEpisodeIdOrderByBookedForAscIdAsc(episode.id()))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.activity()).isEqualTo("Respite care");
                    assertThat(b.withWhom()).isEqualTo("Carers' respite service");
                    assertThat(b.bookedFor()).isEqualTo(LocalDate.now().plusDays(2));
                    assertThat(b.bookedBy()).isNotBlank();
                });
        assertThat(pathway).isWaitingAt(CoordinatedCare.GATEWAY_AWAIT_MDT_REVIEW);
    }

    @Test
    void appointsNoCoordinatorWithoutATriggerEvent() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of());
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        holdMdtReview(patient, "stable", 2, false, "continue");
        assertThat(pathway)
                .isWaitingAt(CoordinatedCare.GATEWAY_AWAIT_MDT_REVIEW)
                .hasNotPassed(CoordinatedCare.APPOINT_CARE_COORDINATOR);
    }

    @Test
    void appointsNoSecondCoordinatorWhileOneIsInPost() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = coordinatorInPost(patient);
        mdtReviewWith(patient, Trigger.MANY_AGENCIES);
        assertThat(pathway).isWaitingAt(CoordinatedCare.GATEWAY_AWAIT_MDT_REVIEW);
        assertThat(openTasks(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TransferReason.class)
    void transfersTheCoordinatorRoleForEachReasonWithAHandover(TransferReason reason) {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = coordinatorInPost(patient);
        String message = switch (reason) {
            case NOT_MOST_APPROPRIATE -> "CoordinatorNotMostAppropriate";
            case PATIENT_OR_CARER_REQUEST -> "CoordinatorChangeRequested";
            case NO_LONGER_INVOLVED -> "CoordinatorNoLongerInvolved";
        };
        String handoverTask = switch (reason) {
            case NOT_MOST_APPROPRIATE -> CoordinatedCare.HAND_OVER_NOT_RIGHT_PERSON;
            case PATIENT_OR_CARER_REQUEST -> CoordinatedCare.HAND_OVER_ON_REQUEST;
            case NO_LONGER_INVOLVED -> CoordinatedCare.HAND_OVER_NO_LONGER_INVOLVED;
        };
        runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
        complete(
                patient,
                handoverTask,
                "newCareCoordinator",
                "tcoord2",
                "handoverNotes",
                "Daughter is main carer; respite starts Monday");

        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        List<CoordinatorAssignment> history = coordinators.findByEpisodeIdOrderByStartedAt(episode.id());
        assertThat(history).hasSize(2);
        assertThat(history.get(0).transferReason()).isEqualTo(reason);
        assertThat(history.get(0).endedAt()).isNotNull();
        assertThat(history.get(0).handoverNotes()).contains("respite");
        assertThat(history.get(1).professionalId())
                .isEqualTo(fixture.professional("tcoord2").id());
        assertThat(runtime.getVariable(pathway.getId(), "careCoordinator")).isEqualTo("tcoord2");
        // the transfer runs beside the pathway, which carries on waiting for its next review
        assertThat(pathway).isWaitingAt(CoordinatedCare.GATEWAY_AWAIT_MDT_REVIEW);
    }

    @Test
    void aTransferRequestWithNoCoordinatorInPostEndsWithoutAHandover() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of());
        runtime.createMessageCorrelation(Messages.COORDINATOR_CHANGE_REQUESTED)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
        assertThat(openTasks(patient, CoordinatedCare.HAND_OVER_ON_REQUEST)).isEmpty();
        assertThat(pathway).isWaitingAt(CoordinatedCare.GATEWAY_AWAIT_MDT_REVIEW);
    }
}
