package org.coordinatedcare.sharedrecord;

import java.util.Optional;

import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.ConditionRepository;
import org.coordinatedcare.referral.ReferralRepository;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One resource provider per type the shared record serves besides Patient; each knows how its ids find an owner. */
@Configuration(proxyBeanMethods = false)
class Providers {

    @Bean
    PatientScopedProvider<Condition> conditionProvider(
            VisiblePatients patients, RegisterResources register, ConditionRepository conditions) {
        return new PatientScopedProvider<>(
                Condition.class,
                patients,
                register::conditions,
                id -> conditions.findById(id).map(org.coordinatedcare.patient.Condition::patientId));
    }

    @Bean
    PatientScopedProvider<EpisodeOfCare> episodeOfCareProvider(
            VisiblePatients patients, PathwayResources pathway, EpisodeRepository episodes) {
        return new PatientScopedProvider<>(
                EpisodeOfCare.class, patients, pathway::episodesOfCare, id -> patientOfEpisode(episodes, id));
    }

    /** A care team has its episode's id. */
    @Bean
    PatientScopedProvider<CareTeam> careTeamProvider(
            VisiblePatients patients, PathwayResources pathway, EpisodeRepository episodes) {
        return new PatientScopedProvider<>(
                CareTeam.class, patients, pathway::careTeams, id -> patientOfEpisode(episodes, id));
    }

    @Bean
    PatientScopedProvider<CarePlan> carePlanProvider(
            VisiblePatients patients,
            CarePlanResources plans,
            CarePlanRepository carePlans,
            EpisodeRepository episodes) {
        return new PatientScopedProvider<>(
                CarePlan.class,
                patients,
                plans::carePlans,
                id -> carePlans.findById(id).flatMap(plan -> patientOfEpisode(episodes, plan.episodeId())));
    }

    /** A plan version's goals have the version's id. */
    @Bean
    PatientScopedProvider<Goal> goalProvider(
            VisiblePatients patients,
            CarePlanResources plans,
            CarePlanRepository carePlans,
            EpisodeRepository episodes) {
        return new PatientScopedProvider<>(
                Goal.class,
                patients,
                plans::goals,
                id -> carePlans.findById(id).flatMap(plan -> patientOfEpisode(episodes, plan.episodeId())));
    }

    @Bean
    PatientScopedProvider<ServiceRequest> serviceRequestProvider(
            VisiblePatients patients,
            ReferralResources referralResources,
            ReferralRepository referrals,
            EpisodeRepository episodes) {
        return new PatientScopedProvider<>(
                ServiceRequest.class,
                patients,
                referralResources::serviceRequests,
                id -> referrals.findById(id).flatMap(referral -> patientOfEpisode(episodes, referral.episodeId())));
    }

    private static Optional<Long> patientOfEpisode(EpisodeRepository episodes, long episodeId) {
        return episodes.findById(episodeId).map(Episode::patientId);
    }
}
