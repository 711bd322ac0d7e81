package org.coordinatedcare.sharedrecord;

import java.util.ArrayList;
import java.util.List;

import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.referral.Referral;
import org.coordinatedcare.referral.ReferralRepository;
import org.coordinatedcare.referral.ReferralStatus;
import org.coordinatedcare.referral.ReferralType;
import org.coordinatedcare.team.ProfessionalRepository;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.springframework.stereotype.Component;

/** Each referral for supported self-management as a ServiceRequest, coded in SNOMED CT, with its status. */
@Component
class ReferralResources {

    /** 871731000000106 |Referral to social prescribing service|, UK edition: the one specific concept we verified. */
    static final String SOCIAL_PRESCRIBING_REFERRAL = "871731000000106";
    /** 3457005 |Patient referral|: the parent concept, refined by the service's name in the text, for the rest. */
    static final String PATIENT_REFERRAL = "3457005";

    private final EpisodeRepository episodes;
    private final ReferralRepository referrals;
    private final ProfessionalRepository professionals;

    ReferralResources(EpisodeRepository episodes, ReferralRepository referrals, ProfessionalRepository professionals) {
        this.episodes = episodes;
        this.referrals = referrals;
        this.professionals = professionals;
    }

    List<ServiceRequest> serviceRequests(PatientRecord record) {
        Team team = new Team(professionals);
        List<ServiceRequest> requests = new ArrayList<>();
        for (Episode episode :
                episodes.findByPatientIdOrderByOpenedAt(record.patient().id())) {
            for (Referral referral : referrals.findByEpisodeIdOrderById(episode.id())) {
                requests.add(serviceRequest(record, episode, referral, team));
            }
        }
        return requests;
    }

    private static ServiceRequest serviceRequest(PatientRecord record, Episode episode, Referral referral, Team team) {
        ServiceRequest request = new ServiceRequest();
        request.setId(String.valueOf(referral.id()));
        request.setStatus(status(referral.status()));
        request.setIntent(ServiceRequestIntent.ORDER);
        request.setCode(code(referral.type()));
        request.setSubject(References.patient(record));
        request.setAuthoredOn(References.date(referral.sentAt() != null ? referral.sentAt() : referral.proposedAt()));
        request.setRequester(team.byLogin(referral.proposedBy()));
        request.setPerformerType(
                new CodeableConcept().setText(referral.type().receivingRole().label()));
        request.addPerformer(new Reference()
                .setDisplay(referral.type().receivingRole().label() + ", "
                        + record.practice().name()));
        request.addSupportingInfo(new Reference("EpisodeOfCare/" + episode.id()));
        // our own status names the outcome FHIR's request status folds together (declined, not completed, withdrawn)
        request.addNote(new Annotation()
                .setText("Referral " + referral.status().name().toLowerCase().replace('_', ' ')
                        + note(": ", referral.responseNote()) + note("; outcome: ", referral.outcomeNote())));
        return request;
    }

    static ServiceRequestStatus status(ReferralStatus status) {
        return switch (status) {
            case PROPOSED -> ServiceRequestStatus.DRAFT;
            case SENT, ACCEPTED -> ServiceRequestStatus.ACTIVE;
            case COMPLETED -> ServiceRequestStatus.COMPLETED;
            case DECLINED, NOT_COMPLETED, WITHDRAWN -> ServiceRequestStatus.REVOKED;
        };
    }

    static CodeableConcept code(ReferralType type) {
        return type == ReferralType.SOCIAL_PRESCRIBING
                ? References.snomed(SOCIAL_PRESCRIBING_REFERRAL, "Referral to social prescribing service", type.label())
                : References.snomed(PATIENT_REFERRAL, "Patient referral", "Referral: " + type.label());
    }

    private static String note(String prefix, String text) {
        return text == null || text.isBlank() ? "" : prefix + text;
    }
}
