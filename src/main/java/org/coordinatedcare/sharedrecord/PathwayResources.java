package org.coordinatedcare.sharedrecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.coordinatedcare.coordination.CoordinatorAssignment;
import org.coordinatedcare.coordination.CoordinatorAssignmentRepository;
import org.coordinatedcare.coordination.NamedProfessionalAssignment;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.mdt.MdtReview;
import org.coordinatedcare.mdt.MdtReviewRepository;
import org.coordinatedcare.team.ProfessionalRepository;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamParticipantComponent;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * The pathway as FHIR: each episode is an EpisodeOfCare whose care manager is the named professional, and a CareTeam
 * (same id as its episode) of named professionals, care coordinators and the MDT members recorded at its reviews.
 */
@Component
class PathwayResources {

    static final String NAMED_PROFESSIONAL = "Named professional";
    static final String CARE_COORDINATOR = "Care coordinator";

    private final EpisodeRepository episodes;
    private final NamedProfessionalAssignmentRepository namedProfessionals;
    private final CoordinatorAssignmentRepository coordinators;
    private final MdtReviewRepository mdtReviews;
    private final ProfessionalRepository professionals;

    PathwayResources(
            EpisodeRepository episodes,
            NamedProfessionalAssignmentRepository namedProfessionals,
            CoordinatorAssignmentRepository coordinators,
            MdtReviewRepository mdtReviews,
            ProfessionalRepository professionals) {
        this.episodes = episodes;
        this.namedProfessionals = namedProfessionals;
        this.coordinators = coordinators;
        this.mdtReviews = mdtReviews;
        this.professionals = professionals;
    }

    List<Episode> episodesOf(PatientRecord record) {
        return episodes.findByPatientIdOrderByOpenedAt(record.patient().id());
    }

    List<EpisodeOfCare> episodesOfCare(PatientRecord record) {
        Team team = new Team(professionals);
        return episodesOf(record).stream()
                .map(episode -> episodeOfCare(record, episode, team))
                .toList();
    }

    List<CareTeam> careTeams(PatientRecord record) {
        Team team = new Team(professionals);
        return episodesOf(record).stream()
                .map(episode -> careTeam(record, episode, team))
                .toList();
    }

    private EpisodeOfCare episodeOfCare(PatientRecord record, Episode episode, Team team) {
        EpisodeOfCare care = new EpisodeOfCare();
        care.setId(String.valueOf(episode.id()));
        care.setStatus(episode.isActive() ? EpisodeOfCareStatus.ACTIVE : EpisodeOfCareStatus.FINISHED);
        care.addType(new CodeableConcept().setText("Coordinated care for three or more long-term conditions"));
        care.setPatient(References.patient(record));
        care.setManagingOrganization(References.practice(record.practice()));
        care.setPeriod(References.period(episode.openedAt(), episode.closedAt()));
        // the named professional now, or the last one the episode had
        List<NamedProfessionalAssignment> named = namedProfessionals.findByEpisodeIdOrderByStartedAt(episode.id());
        if (!named.isEmpty()) {
            care.setCareManager(team.member(named.get(named.size() - 1).professionalId()));
        }
        care.addTeam(new Reference("CareTeam/" + episode.id()));
        return care;
    }

    private CareTeam careTeam(PatientRecord record, Episode episode, Team team) {
        CareTeam careTeam = new CareTeam();
        careTeam.setId(String.valueOf(episode.id()));
        careTeam.setStatus(episode.isActive() ? CareTeamStatus.ACTIVE : CareTeamStatus.INACTIVE);
        careTeam.setName("Coordinated care team");
        careTeam.setSubject(References.patient(record));
        careTeam.setPeriod(References.period(episode.openedAt(), episode.closedAt()));
        careTeam.addManagingOrganization(References.practice(record.practice()));
        List<CareTeamParticipantComponent> participants = new ArrayList<>();
        for (NamedProfessionalAssignment a : namedProfessionals.findByEpisodeIdOrderByStartedAt(episode.id())) {
            participants.add(participant(NAMED_PROFESSIONAL, team.member(a.professionalId()))
                    .setPeriod(References.period(a.startedAt(), a.endedAt())));
        }
        for (CoordinatorAssignment a : coordinators.findByEpisodeIdOrderByStartedAt(episode.id())) {
            participants.add(participant(CARE_COORDINATOR, team.member(a.professionalId()))
                    .setPeriod(References.period(a.startedAt(), a.endedAt())));
        }
        // MDT attendees are recorded as free text (roles, sometimes names): each is a participant by role alone
        for (MdtReview review : mdtReviews.findByEpisodeIdOrderById(episode.id())) {
            if (review.attendees() == null || review.heldOn() == null) {
                continue;
            }
            Arrays.stream(review.attendees().split("[,;\\n]"))
                    .map(String::strip)
                    .filter(a -> !a.isEmpty())
                    .forEach(attendee -> participants.add(participant("MDT member: " + attendee, null)
                            .setPeriod(new Period()
                                    .setStartElement(References.day(review.heldOn()))
                                    .setEndElement(References.day(review.heldOn())))));
        }
        careTeam.setParticipant(participants);
        return careTeam;
    }

    private static CareTeamParticipantComponent participant(String role, Reference member) {
        CareTeamParticipantComponent participant = new CareTeamParticipantComponent();
        participant.addRole(new CodeableConcept().setText(role));
        participant.setMember(member);
        return participant;
    }
}
