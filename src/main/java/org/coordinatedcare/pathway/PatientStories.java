package org.coordinatedcare.pathway;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.coordinatedcare.audit.AuditEvent;
import org.coordinatedcare.audit.AuditEventRepository;
import org.coordinatedcare.careplan.CarePlan;
import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.casefinding.CandidateEvidence;
import org.coordinatedcare.coordination.BookedActivityRepository;
import org.coordinatedcare.coordination.CoordinatorAssignmentRepository;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.mdt.MdtReviewRepository;
import org.coordinatedcare.pathway.PatientStory.CodedCondition;
import org.coordinatedcare.pathway.PatientStory.ConditionCategory;
import org.coordinatedcare.pathway.PatientStory.HospitalEncounter;
import org.coordinatedcare.pathway.PatientStory.Identity;
import org.coordinatedcare.pathway.PatientStory.Pathway;
import org.coordinatedcare.pathway.PatientStory.RoleHolder;
import org.coordinatedcare.pathway.PatientStory.TimelineEntry;
import org.coordinatedcare.patient.EncounterRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientContacts;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.referral.ReferralRepository;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.springframework.stereotype.Component;

/**
 * Tells a patient's story from the register (conditions, frailty and hospital use, read as case finding reads them) and
 * the features' records of one episode. The caller has already checked the user may read the patient.
 */
@Component
class PatientStories {

    private final CandidateEvidence evidence;
    private final PatientContacts contacts;
    private final EncounterRepository encounters;
    private final NamedProfessionalAssignmentRepository namedProfessionals;
    private final CoordinatorAssignmentRepository coordinators;
    private final ProfessionalRepository professionals;
    private final CarePlanRepository carePlans;
    private final ReferralRepository referrals;
    private final MdtReviewRepository mdtReviews;
    private final AuditEventRepository audit;
    private final PathwayViews views;
    private final BookedActivityRepository bookings;

    PatientStories(
            CandidateEvidence evidence,
            PatientContacts contacts,
            EncounterRepository encounters,
            NamedProfessionalAssignmentRepository namedProfessionals,
            CoordinatorAssignmentRepository coordinators,
            ProfessionalRepository professionals,
            CarePlanRepository carePlans,
            ReferralRepository referrals,
            MdtReviewRepository mdtReviews,
            AuditEventRepository audit,
            PathwayViews views,
            BookedActivityRepository bookings) {
        this.bookings = bookings;
        this.evidence = evidence;
        this.contacts = contacts;
        this.encounters = encounters;
        this.namedProfessionals = namedProfessionals;
        this.coordinators = coordinators;
        this.professionals = professionals;
        this.carePlans = carePlans;
        this.referrals = referrals;
        this.mdtReviews = mdtReviews;
        this.audit = audit;
        this.views = views;
    }

    /** {@code episode}: the one to tell; empty for a patient never on the pathway. */
    PatientStory of(Patient patient, Practice practice, Optional<Episode> episode) {
        LocalDate today = LocalDate.now();
        CandidateEvidence.Evidence register =
                evidence.of(List.of(patient.id()), today).get(patient.id());
        Identity identity = new Identity(
                patient.fhirId(),
                patient.displayName(),
                patient.nhsNumber(),
                patient.birthDate(),
                patient.ageOn(today),
                patient.deceased(),
                practice.odsCode(),
                practice.name(),
                contacts.of(patient.id()).orElse(null));
        List<HospitalEncounter> hospital =
                encounters
                        .findByPatientIdAndOccurredOnAfterOrderByOccurredOnDesc(patient.id(), today.minusYears(1))
                        .stream()
                        .map(e -> new HospitalEncounter(e.type().name(), e.occurredOn()))
                        .toList();
        return new PatientStory(
                identity,
                byCategory(register.conditions()),
                register.frailty(),
                hospital,
                episode.map(this::pathway).orElse(null),
                views.documents(patient.id()));
    }

    private static List<ConditionCategory> byCategory(List<CandidateEvidence.CodedCondition> conditions) {
        Map<String, List<CodedCondition>> grouped = new LinkedHashMap<>(); // the evidence comes ordered by category
        for (CandidateEvidence.CodedCondition c : conditions) {
            grouped.computeIfAbsent(c.category(), k -> new ArrayList<>())
                    .add(new CodedCondition(c.code(), c.term(), c.onsetDate()));
        }
        return grouped.entrySet().stream()
                .map(e -> new ConditionCategory(e.getKey(), e.getValue()))
                .toList();
    }

    private Pathway pathway(Episode episode) {
        long id = episode.id();
        List<RoleHolder> named = namedProfessionals.findByEpisodeIdOrderByStartedAt(id).stream()
                .map(a -> holder(a.professionalId(), a.startedAt(), a.endedAt(), a.note()))
                .toList();
        List<RoleHolder> coordinating = coordinators.findByEpisodeIdOrderByStartedAt(id).stream()
                .map(a -> holder(a.professionalId(), a.startedAt(), a.endedAt(), a.handoverNotes()))
                .toList();
        CarePlan current = carePlans.findByEpisodeIdOrderByVersion(id).stream()
                .max(Comparator.comparingInt(CarePlan::version))
                .orElse(null);
        return new Pathway(
                episode.status(),
                episode.openedAt(),
                episode.closedAt(),
                named,
                coordinating,
                current,
                referrals.findByEpisodeIdOrderById(id),
                mdtReviews.findByEpisodeIdOrderById(id),
                timeline(episode));
    }

    private RoleHolder holder(Long professionalId, Instant from, Instant until, String note) {
        Optional<Professional> who = professionals.findById(professionalId);
        return new RoleHolder(
                who.map(Professional::displayName).orElse("(no longer in the team directory)"),
                who.map(p -> p.role().label()).orElse(null),
                from,
                until,
                note);
    }

    /**
     * Oldest first: the opening, the latest 20 audited changes, each activity the care coordinator booked (on its day,
     * which may be ahead), and the closing.
     */
    private List<TimelineEntry> timeline(Episode episode) {
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(new TimelineEntry(episode.openedAt(), null, "Pathway opened", null));
        List<AuditEvent> latest = new ArrayList<>(audit.findTop20ByEpisodeIdOrderByOccurredAtDescIdDesc(episode.id()));
        Collections.reverse(latest);
        latest.stream()
                .map(a -> new TimelineEntry(
                        a.occurredAt(), a.actor(), sentence(a.action().name()), a.details()))
                .forEach(entries::add);
        bookings.findByEpisodeIdOrderByBookedForAscIdAsc(episode.id()).stream()
                .map(b -> new TimelineEntry(
                        b.bookedFor().atStartOfDay(ZoneId.systemDefault()).toInstant(),
                        b.bookedBy(),
                        "Activity booked: " + b.activity(),
                        "with " + b.withWhom() + " on " + b.bookedFor()))
                .forEach(entries::add);
        entries.sort(Comparator.comparing(TimelineEntry::at));
        if (episode.closedAt() != null) {
            entries.add(new TimelineEntry(
                    episode.closedAt(),
                    episode.closedBy(),
                    "Pathway closed",
                    episode.closureReason() == null
                            ? null
                            : sentence(episode.closureReason().name())));
        }
        return entries;
    }

    /** {@code CARE_PLAN_AGREED} reads "Care plan agreed". */
    private static String sentence(String constant) {
        String words = constant.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
