package org.coordinatedcare.pathway;

import java.util.List;

import org.coordinatedcare.careplan.CarePlan;
import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.coordination.BookedActivity;
import org.coordinatedcare.coordination.BookedActivityRepository;
import org.coordinatedcare.coordination.CoordinatorAssignment;
import org.coordinatedcare.coordination.CoordinatorAssignmentRepository;
import org.coordinatedcare.coordination.NamedProfessionalAssignment;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.document.DocumentLink;
import org.coordinatedcare.document.PatientDocumentRepository;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.mdt.MdtReview;
import org.coordinatedcare.mdt.MdtReviewRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.referral.Referral;
import org.coordinatedcare.referral.ReferralRepository;
import org.springframework.stereotype.Component;

/**
 * Assembles a patient's pathway as the team sees it from the features' own records: episodes, who is named, the
 * plan's versions, referrals, reviews, the activities the care coordinator booked, and documents. Only this composition package reads them all together.
 */
@Component
class PathwayViews {

    private final EpisodeRepository episodes;
    private final NamedProfessionalAssignmentRepository namedProfessionals;
    private final CoordinatorAssignmentRepository coordinators;
    private final CarePlanRepository carePlans;
    private final ReferralRepository referrals;
    private final MdtReviewRepository mdtReviews;
    private final PatientDocumentRepository documents;
    private final BookedActivityRepository bookings;

    PathwayViews(
            EpisodeRepository episodes,
            NamedProfessionalAssignmentRepository namedProfessionals,
            CoordinatorAssignmentRepository coordinators,
            CarePlanRepository carePlans,
            ReferralRepository referrals,
            MdtReviewRepository mdtReviews,
            PatientDocumentRepository documents,
            BookedActivityRepository bookings) {
        this.bookings = bookings;
        this.episodes = episodes;
        this.namedProfessionals = namedProfessionals;
        this.coordinators = coordinators;
        this.carePlans = carePlans;
        this.referrals = referrals;
        this.mdtReviews = mdtReviews;
        this.documents = documents;
    }

    record EpisodeView(
            Episode episode,
            List<NamedProfessionalAssignment> namedProfessionals,
            List<CoordinatorAssignment> careCoordinators,
            List<CarePlan> carePlans,
            List<Referral> referrals,
            List<MdtReview> mdtReviews,
            List<BookedActivity> bookedActivities) {}

    /** {@code patientId} is the FHIR Patient id (ADR 0019); the register's row id appears in no answer. */
    record PathwayView(
            String patientId,
            String name,
            String nhsNumber,
            String practice,
            List<EpisodeView> episodes,
            List<DocumentLink> documents) {}

    PathwayView of(Patient patient, Practice practice) {
        long patientId = patient.id();
        List<EpisodeView> views = episodes.findByPatientIdOrderByOpenedAt(patientId).stream()
                .map(e -> new EpisodeView(
                        e,
                        namedProfessionals.findByEpisodeIdOrderByStartedAt(e.id()),
                        coordinators.findByEpisodeIdOrderByStartedAt(e.id()),
                        carePlans.findByEpisodeIdOrderByVersion(e.id()),
                        referrals.findByEpisodeIdOrderById(e.id()),
                        mdtReviews.findByEpisodeIdOrderById(e.id()),
                        bookings.findByEpisodeIdOrderByBookedForAscIdAsc(e.id())))
                .toList();
        return new PathwayView(
                patient.fhirId(),
                patient.displayName(),
                patient.nhsNumber(),
                practice.odsCode(),
                views,
                documents(patientId));
    }

    /** The patient's letters and plan documents, oldest first, each with the address to open it. */
    List<DocumentLink> documents(long patientId) {
        return documents.findByPatientIdOrderByCreatedAt(patientId).stream()
                .map(DocumentLink::of)
                .toList();
    }
}
