package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.audit.AuditAction;
import org.coordinatedcare.audit.AuditEvent;
import org.coordinatedcare.audit.AuditEventRepository;
import org.coordinatedcare.careplan.CarePlan;
import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.careplan.CarePlanShare;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.document.DocumentKind;
import org.coordinatedcare.document.PatientDocumentRepository;
import org.coordinatedcare.episode.ClosureReason;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.episode.EpisodeStatus;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.invitation.InvitationRepository;
import org.coordinatedcare.mdt.MdtReviewRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.referral.Referral;
import org.coordinatedcare.referral.ReferralRepository;
import org.coordinatedcare.referral.ReferralStatus;
import org.coordinatedcare.referral.ReferralType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CoordinatedCarePathwayTest extends PathwayTestSupport {

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    InvitationRepository invitations;

    @Autowired
    NamedProfessionalAssignmentRepository namedProfessionals;

    @Autowired
    CarePlanRepository carePlans;

    @Autowired
    ReferralRepository referrals;

    @Autowired
    MdtReviewRepository mdtReviews;

    @Autowired
    PatientDocumentRepository documents;

    @Autowired
    AuditEventRepository auditEvents;

    @Test
    void carriesAPatientFromIdentificationToClosureWhenNeedsAreStable() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = identify(patient);
        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        assertThat(episode.ltcCount()).isEqualTo(3);
        assertThat(pathway).isWaitingAt(CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
        assertThat(task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getDueDate())
                .isNotNull();

        assignNamedProfessional(patient, "tgp");
        assertThat(namedProfessionals.findByEpisodeIdAndEndedAtIsNull(episode.id()))
                .isPresent();
        assertThat(documents.findByEpisodeIdAndKindOrderByCreatedAt(episode.id(), DocumentKind.INVITATION_LETTER))
                .hasSize(1);

        acceptInvitation(patient);
        assertThat(invitations
                        .findFirstByEpisodeIdOrderByIdDesc(episode.id())
                        .orElseThrow()
                        .response())
                .isEqualTo("accepted");

        assessNeeds(patient, true, false, "high");
        holdCarePlanningMeeting(patient);
        CarePlan plan =
                carePlans.findFirstByEpisodeIdOrderByVersionDesc(episode.id()).orElseThrow();
        assertThat(plan.version()).isEqualTo(1);
        assertThat(plan.actions()).hasSize(2);
        assertThat(plan.shares())
                .extracting(CarePlanShare::sharedAt)
                .doesNotContainNull()
                .hasSize(3);
        assertThat(documents.findByEpisodeIdAndKindOrderByCreatedAt(episode.id(), DocumentKind.CARE_PLAN))
                .hasSize(1);
        // free text lives in our tables, not in the engine
        assertThat(runtime.getVariable(pathway.getId(), "whatMattersToMe")).isNull();

        // social needs were assessed, so the decision table suggests social prescribing, pre-ticked for confirmation
        assertThat(tasks.getVariable(
                                task(patient, CoordinatedCare.CONFIRM_REFERRALS).getId(), "referralTypes")
                        .toString())
                .contains("SOCIAL_PRESCRIBING");
        complete(
                patient,
                CoordinatedCare.CONFIRM_REFERRALS,
                "referralTypes",
                List.of("SOCIAL_PRESCRIBING", "HEALTH_COACHING"));

        // each referral is sent and tracked by its receiving team while the MDT reviews go on
        List<Referral> sent = referrals.findByEpisodeIdOrderById(episode.id());
        assertThat(sent).extracting(Referral::status).containsOnly(ReferralStatus.SENT);
        assertThat(openTasks(patient, CoordinatedCare.RECORD_REFERRAL_RESPONSE)).hasSize(2);
        assertThat(documents.findByEpisodeIdAndKindOrderByCreatedAt(episode.id(), DocumentKind.REFERRAL_LETTER))
                .hasSize(2);
        var socialPrescribing = openTasks(patient, CoordinatedCare.RECORD_REFERRAL_RESPONSE).stream()
                .filter(t -> tasks.getIdentityLinksForTask(t.getId()).stream()
                        .anyMatch(l -> "social-prescriber-T00001".equals(l.getGroupId())))
                .findFirst()
                .orElseThrow();
        tasks.complete(
                socialPrescribing.getId(),
                vars("referralResponse", "accepted", "responseNote", "First session booked"));
        runJobs();
        var coaching = task(patient, CoordinatedCare.RECORD_REFERRAL_RESPONSE);
        tasks.complete(coaching.getId(), vars("referralResponse", "declined", "responseNote", "Prefers to wait"));
        runJobs();
        complete(
                patient,
                CoordinatedCare.RECORD_REFERRAL_OUTCOME,
                "referralOutcome",
                "completed",
                "outcomeNote",
                "Joined a lunch club");
        assertThat(referrals.findByEpisodeIdOrderById(episode.id()))
                .extracting(Referral::type, Referral::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ReferralType.SOCIAL_PRESCRIBING, ReferralStatus.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple(ReferralType.HEALTH_COACHING, ReferralStatus.DECLINED));

        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        holdMdtReview(patient, "stable", 2, false, "proposeClosure");
        assertThat(mdtReviews.findByEpisodeIdOrderById(episode.id()))
                .singleElement()
                .satisfies(review -> {
                    assertThat(review.status()).isEqualTo("HELD");
                    assertThat(review.coordinatorTrigger()).isNull();
                });

        complete(
                patient,
                CoordinatedCare.AGREE_CLOSURE,
                "closureAgreed",
                true,
                "patientAgreed",
                true,
                "closureNote",
                "Needs stable; care plan working well; patient and daughter agree");
        assertThat(isEnded(pathway)).isTrue();
        assertThat(pathway).hasPassed(CoordinatedCare.CLOSE_EPISODE).isEnded();
        Episode closed = episodes.findById(episode.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(EpisodeStatus.CLOSED);
        assertThat(closed.closureReason()).isEqualTo(ClosureReason.NEEDS_STABLE);
        assertThat(closed.patientAgreed()).isTrue();
        assertThat(namedProfessionals.findByEpisodeIdAndEndedAtIsNull(episode.id()))
                .isEmpty();

        // who did what, in order
        assertThat(auditEvents.findByPatientId(patient.id()))
                .extracting(AuditEvent::action, AuditEvent::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditAction.NAMED_PROFESSIONAL_ASSIGNED, "system"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.CARE_PLAN_AGREED, "tgp"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.CARE_PLAN_SHARED, "system"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.PATHWAY_CLOSED, "tgp"));
    }

    @Test
    void aClosedPatientCanBeIdentifiedAgain() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance first = identify(patient);
        runtime.createMessageCorrelation(Messages.PATIENT_DECLINED_CARE)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
        assertThat(isEnded(first)).isTrue();

        ProcessInstance second = identify(patient);
        assertThat(second).isWaitingAt(CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
        assertThat(episodes.findByPatientIdOrderByOpenedAt(patient.id()))
                .extracting(Episode::status)
                .containsExactly(EpisodeStatus.CLOSED, EpisodeStatus.ACTIVE);
    }

    @Test
    void keepsThePathwayOpenWhenTheNamedProfessionalDoesNotAgreeToClose() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of());
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        holdMdtReview(patient, "stable", 1, false, "proposeClosure");
        assertThatThrownBy(() -> complete(
                        patient,
                        CoordinatedCare.AGREE_CLOSURE,
                        "closureAgreed",
                        true,
                        "patientAgreed",
                        false,
                        "closureNote",
                        "Patient not asked yet"))
                .hasRootCauseInstanceOf(FormInputException.class);
        complete(
                patient,
                CoordinatedCare.AGREE_CLOSURE,
                "closureAgreed",
                false,
                "patientAgreed",
                false,
                "closureNote",
                "Patient wants to keep the coordinator until after surgery");
        assertThat(pathway).isWaitingAt(CoordinatedCare.GATEWAY_AWAIT_MDT_REVIEW);
        assertThat(episodes.findByActivePatientId(patient.id())).isPresent();
    }

    @Test
    void writesTheNextCarePlanVersionWhenTheMdtAsksForAnUpdate() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of());
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        holdMdtReview(patient, "stable", 1, false, "updatePlan");
        assessNeeds(patient, false, true, "medium");
        holdCarePlanningMeeting(patient);
        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        assertThat(carePlans.findByEpisodeIdOrderByVersion(episode.id()))
                .extracting(CarePlan::version)
                .containsExactly(1, 2);
        // low mood and medium confidence now suggest talking therapies and a self-management course
        assertThat(tasks.getVariable(
                                task(patient, CoordinatedCare.CONFIRM_REFERRALS).getId(), "referralTypes")
                        .toString())
                .contains("TALKING_THERAPIES", "SELF_MANAGEMENT_COURSE");
        complete(patient, CoordinatedCare.CONFIRM_REFERRALS, "referralTypes", List.of("TALKING_THERAPIES"));
        assertThat(pathway).isWaitingAt(CoordinatedCare.GATEWAY_AWAIT_MDT_REVIEW);
        assertThat(task(patient, CoordinatedCare.RECORD_REFERRAL_RESPONSE)).isNotNull();
    }

    @Test
    void aHospitalEventBringsTheMdtReviewForward() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of());
        runtime.createMessageCorrelation(Messages.HOSPITAL_EVENT_REPORTED)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
        assertThat(task(patient, MdtReview.HOLD_MDT_REVIEW)).isNotNull();
        assertThat(pathway).hasPassed(CoordinatedCare.EVENT_HOSPITAL_EVENT_REPORTED);
    }

    @Test
    void refusesASecondPathwayForAPatientWhoHasAnActiveEpisode() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        assertThatThrownBy(() -> identify(patient))
                .hasMessageContaining("already has an active coordinated-care episode");
        assertThat(episodes.findByPatientIdOrderByOpenedAt(patient.id())).hasSize(1);
    }

    @Test
    void refusesToStartAPathwayForAnotherPracticesPatient() {
        Patient patient = fixture.patientWithConditions(3);
        engine.getIdentityService().setAuthentication("ogp", List.of("gp", "gp-" + PathwayFixture.OTHER_PRACTICE));
        try {
            assertThatThrownBy(() -> identify(patient)).hasMessageContaining("your own practice's patients only");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(episodes.findByPatientIdOrderByOpenedAt(patient.id())).isEmpty();
    }

    @Test
    void namesThePatientOnTheirTasks() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = identify(patient);
        assertThat(runtime.getVariable(pathway.getId(), "patientLabel"))
                .isEqualTo(patient.displayName() + ", born 1 Jan 1950");
    }

    @Test
    void refusesANamedProfessionalWhoIsNotAGpOrNurseOfThePractice() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        assertThatThrownBy(() -> assignNamedProfessional(patient, "tsplw"))
                .hasRootCauseInstanceOf(FormInputException.class)
                .hasMessageContaining("not a GP or practice nurse");
        assertThatThrownBy(() -> assignNamedProfessional(patient, "ogp"))
                .hasRootCauseInstanceOf(FormInputException.class);
        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        assertThat(namedProfessionals.findByEpisodeIdOrderByStartedAt(episode.id()))
                .isEmpty();
        assertThat(task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL)).isNotNull();
    }
}
