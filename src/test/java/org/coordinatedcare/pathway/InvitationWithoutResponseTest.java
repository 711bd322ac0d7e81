package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.document.DocumentKind;
import org.coordinatedcare.document.PatientDocumentRepository;
import org.coordinatedcare.episode.ClosureReason;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.invitation.InvitationRepository;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InvitationWithoutResponseTest extends PathwayTestSupport {

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    InvitationRepository invitations;

    @Autowired
    PatientDocumentRepository documents;

    private ProcessInstance invitedWithoutAnswerAfterTwoReminders(Patient patient) {
        ProcessInstance pathway = identify(patient);
        assignNamedProfessional(patient, "tgp");
        fireTimer(CoordinatedCare.TIMER_INVITATION_REMINDER_DUE);
        fireTimer(CoordinatedCare.TIMER_INVITATION_REMINDER_DUE);
        fireTimer(CoordinatedCare.TIMER_INVITATION_REMINDER_DUE);
        return pathway;
    }

    @Test
    void sendsTwoRemindersThenAsksTheNamedProfessionalToDecide() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = invitedWithoutAnswerAfterTwoReminders(patient);

        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        assertThat(invitations
                        .findFirstByEpisodeIdOrderByIdDesc(episode.id())
                        .orElseThrow()
                        .remindersSent())
                .isEqualTo(2);
        assertThat(documents.findByEpisodeIdAndKindOrderByCreatedAt(episode.id(), DocumentKind.REMINDER_LETTER))
                .hasSize(2);
        assertThat(pathway).isWaitingAt(CoordinatedCare.DECIDE_AFTER_NO_RESPONSE);
        assertThat(task(patient, CoordinatedCare.DECIDE_AFTER_NO_RESPONSE).getAssignee())
                .isEqualTo("tgp");
    }

    @Test
    void closesTheEpisodeWhenTheNamedProfessionalDecidesToClose() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = invitedWithoutAnswerAfterTwoReminders(patient);
        complete(
                patient,
                CoordinatedCare.DECIDE_AFTER_NO_RESPONSE,
                "nextStep",
                "close",
                "decisionNote",
                "Phoned twice; patient does not want coordinated care");

        assertThat(pathway).isEnded().hasPassed(CoordinatedCare.CLOSE_EPISODE_DECLINED);
        Episode episode = episodes.findByPatientIdOrderByOpenedAt(patient.id()).get(0);
        assertThat(episode.closureReason()).isEqualTo(ClosureReason.DECLINED);
        assertThat(invitations
                        .findFirstByEpisodeIdOrderByIdDesc(episode.id())
                        .orElseThrow()
                        .nextStep())
                .isEqualTo("close");
    }

    @Test
    void invitesAgainWithAFreshLetterWhenTheNamedProfessionalDecidesSo() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = invitedWithoutAnswerAfterTwoReminders(patient);
        complete(
                patient,
                CoordinatedCare.DECIDE_AFTER_NO_RESPONSE,
                "nextStep",
                "reinvite",
                "decisionNote",
                "New address found");

        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        assertThat(invitations.findByEpisodeIdOrderById(episode.id())).hasSize(2);
        assertThat(runtime.getVariable(pathway.getId(), "remindersSent")).isEqualTo(0);
        assertThat(pathway).isWaitingAt(CoordinatedCare.RECORD_INVITATION_RESPONSE);
    }

    @Test
    void goesToCarePlanningWhenTheNamedProfessionalMadeContactAnotherWay() {
        Patient patient = fixture.patientWithConditions(3);
        invitedWithoutAnswerAfterTwoReminders(patient);
        complete(
                patient,
                CoordinatedCare.DECIDE_AFTER_NO_RESPONSE,
                "nextStep",
                "proceed",
                "decisionNote",
                "Saw her at home visit");
        assertThat(task(patient, CarePlanning.HOLISTIC_ASSESSMENT)).isNotNull();
    }

    @Test
    void aDeclinedInvitationAlsoGoesToTheNamedProfessional() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = identify(patient);
        assignNamedProfessional(patient, "tgp");
        complete(
                patient,
                CoordinatedCare.RECORD_INVITATION_RESPONSE,
                "invitationResponse",
                "declined",
                "responseNote",
                "Too busy caring for husband this month");
        assertThat(pathway).isWaitingAt(CoordinatedCare.DECIDE_AFTER_NO_RESPONSE);
    }
}
