package org.coordinatedcare.mdt;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.EncounterRepository;
import org.coordinatedcare.patient.EncounterType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers what the MDT and the coordinator triggers need before the meeting: unplanned admissions in the last 12
 * months, a hospital discharge in the last 30 days, how many agencies are involved so far and how long the person has
 * been on the pathway.
 */
@Component("mdtReviewPreparer")
public class MdtReviewPreparer implements JavaDelegate {

    private final EpisodeBinding binding;
    private final EpisodeRepository episodes;
    private final EncounterRepository encounters;
    private final MdtReviewRepository reviews;
    private final JdbcClient jdbc;

    public MdtReviewPreparer(
            EpisodeRepository episodes,
            EncounterRepository encounters,
            MdtReviewRepository reviews,
            JdbcClient jdbc,
            EpisodeBinding binding) {
        this.binding = binding;
        this.episodes = episodes;
        this.encounters = encounters;
        this.reviews = reviews;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        Episode episode = binding.episode(execution);
        LocalDate today = LocalDate.now();
        int admissions = encounters.countSince(
                episode.patientId(), EncounterType.UNPLANNED_ADMISSION.name(), today.minusMonths(12));
        boolean discharged =
                encounters.countSince(episode.patientId(), EncounterType.HOSPITAL_DISCHARGE.name(), today.minusDays(30))
                        > 0;
        MdtReview review = reviews.save(MdtReview.prepared(episode.id(), admissions, discharged));

        execution.setVariable("mdtReviewId", review.id());
        execution.setVariable("unplannedAdmissions12m", admissions);
        execution.setVariable("dischargedRecently", discharged);
        execution.setVariable("agenciesInvolved", agenciesInvolved(episode.id()));
        execution.setVariable("longInterventionExpected", false);
        execution.setVariable("coordinatorRequested", false);
        execution.setVariable("monthsOnPathway", (int) ChronoUnit.MONTHS.between(
                episode.openedAt().atZone(ZoneId.systemDefault()).toLocalDate(), today));
    }

    /** The practice plus every other team currently supporting the person through a referral; the MDT corrects it. */
    private int agenciesInvolved(long episodeId) {
        int otherTeams = jdbc.sql("""
                        select count(distinct type) from referral
                        where episode_id = ? and status in ('SENT', 'ACCEPTED', 'COMPLETED')""").param(episodeId).query(Integer.class).single();
        return 1 + otherTeams;
    }
}
