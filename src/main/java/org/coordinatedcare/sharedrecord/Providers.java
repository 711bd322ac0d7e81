package org.coordinatedcare.sharedrecord;

import java.util.List;
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
        return new PatientScopedProvider<>(patients) {
            @Override
            public Class<Condition> getResourceType() {
                return Condition.class;
            }

            @Override
            List<Condition> of(PatientRecord record) {
                return register.conditions(record);
            }

            @Override
            Optional<Long> ownerOf(long id) {
                return conditions.findById(id).map(org.coordinatedcare.patient.Condition::patientId);
            }
        };
    }

    @Bean
    PatientScopedProvider<EpisodeOfCare> episodeOfCareProvider(
            VisiblePatients patients, PathwayResources pathway, EpisodeRepository episodes) {
        return new PatientScopedProvider<>(patients) {
            @Override
            public Class<EpisodeOfCare> getResourceType() {
                return EpisodeOfCare.class;
            }

            @Override
            List<EpisodeOfCare> of(PatientRecord record) {
                return pathway.episodesOfCare(record);
            }

            @Override
            Optional<Long> ownerOf(long id) {
                return episodes.findById(id).map(Episode::patientId);
            }
        };
    }

    @Bean
    PatientScopedProvider<CareTeam> careTeamProvider(
            VisiblePatients patients, PathwayResources pathway, EpisodeRepository episodes) {
        return new PatientScopedProvider<>(patients) {
            @Override
            public Class<CareTeam> getResourceType() {
                return CareTeam.class;
            }

            @Override
            List<CareTeam> of(PatientRecord record) {
                return pathway.careTeams(record);
            }

            @Override
            Optional<Long> ownerOf(long id) {
                return episodes.findById(id).map(Episode::patientId);
            }
        };
    }

    @Bean
    PatientScopedProvider<CarePlan> carePlanProvider(
            VisiblePatients patients,
            CarePlanResources plans,
            CarePlanRepository carePlans,
            EpisodeRepository episodes) {
        return new PatientScopedProvider<>(patients) {
            @Override
            public Class<CarePlan> getResourceType() {
                return CarePlan.class;
            }

            @Override
            List<CarePlan> of(PatientRecord record) {
                return plans.carePlans(record);
            }

            @Override
            Optional<Long> ownerOf(long id) {
                return carePlans
                        .findById(id)
                        .flatMap(p -> episodes.findById(p.episodeId()))
                        .map(Episode::patientId);
            }
        };
    }

    @Bean
    PatientScopedProvider<Goal> goalProvider(
            VisiblePatients patients,
            CarePlanResources plans,
            CarePlanRepository carePlans,
            EpisodeRepository episodes) {
        return new PatientScopedProvider<>(patients) {
            @Override
            public Class<Goal> getResourceType() {
                return Goal.class;
            }

            @Override
            List<Goal> of(PatientRecord record) {
                return plans.goals(record);
            }

            @Override
            Optional<Long> ownerOf(long id) {
                return carePlans
                        .findById(id)
                        .flatMap(p -> episodes.findById(p.episodeId()))
                        .map(Episode::patientId);
            }
        };
    }

    @Bean
    PatientScopedProvider<ServiceRequest> serviceRequestProvider(
            VisiblePatients patients,
            ReferralResources referralResources,
            ReferralRepository referrals,
            EpisodeRepository episodes) {
        return new PatientScopedProvider<>(patients) {
            @Override
            public Class<ServiceRequest> getResourceType() {
                return ServiceRequest.class;
            }

            @Override
            List<ServiceRequest> of(PatientRecord record) {
                return referralResources.serviceRequests(record);
            }

            @Override
            Optional<Long> ownerOf(long id) {
                return referrals
                        .findById(id)
                        .flatMap(r -> episodes.findById(r.episodeId()))
                        .map(Episode::patientId);
            }
        };
    }
}
