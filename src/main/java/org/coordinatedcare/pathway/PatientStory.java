package org.coordinatedcare.pathway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.coordinatedcare.careplan.CarePlan;
import org.coordinatedcare.casefinding.CandidateEvidence.FrailtyRecord;
import org.coordinatedcare.document.DocumentLink;
import org.coordinatedcare.episode.EpisodeStatus;
import org.coordinatedcare.mdt.MdtReview;
import org.coordinatedcare.patient.ContactPreferences;
import org.coordinatedcare.referral.Referral;

/**
 * A patient's story as Tasklist's Patient tab shows it, in the order a clinician reads it: who the person is, their
 * long-term conditions and frailty, recent hospital use, then the pathway (who is named, the current plan, referrals,
 * reviews, documents and what happened last). The patient is named by FHIR id (ADR 0019); {@code contact} is null when
 * the register holds no contact preferences.
 */
record PatientStory(
        Identity patient,
        List<ConditionCategory> conditions,
        List<FrailtyRecord> frailty,
        List<HospitalEncounter> hospitalEncounters,
        Pathway pathway,
        List<DocumentLink> documents) {

    record Identity(
            String patientId,
            String name,
            String nhsNumber,
            LocalDate birthDate,
            int age,
            boolean deceased,
            String practice,
            String practiceName,
            ContactPreferences contact) {}

    /** The active coded conditions of one LTC category, with SNOMED CT codes and onset dates. */
    record ConditionCategory(String category, List<CodedCondition> conditions) {}

    record CodedCondition(String code, String term, String onsetDate) {}

    /** An unplanned admission, A&E attendance or discharge in the last 12 months, latest first. */
    record HospitalEncounter(String type, LocalDate date) {}

    /** Who held a role, from when until when ({@code until} null: they hold it now). */
    record RoleHolder(String name, String role, Instant from, Instant until, String note) {}

    /** One line of the timeline: the episode's opening and closing, its audit trail and the activities booked. */
    record TimelineEntry(Instant at, String by, String what, String details) {}

    /** The episode the story is told for: the task's, or the patient's latest. */
    record Pathway(
            EpisodeStatus status,
            Instant openedAt,
            Instant closedAt,
            List<RoleHolder> namedProfessionals,
            List<RoleHolder> careCoordinators,
            CarePlan currentPlan,
            List<Referral> referrals,
            List<MdtReview> mdtReviews,
            List<TimelineEntry> timeline) {}
}
