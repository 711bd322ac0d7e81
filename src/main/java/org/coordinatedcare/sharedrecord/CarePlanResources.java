package org.coordinatedcare.sharedrecord;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.coordinatedcare.careplan.CarePlanAction;
import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.team.ProfessionalRepository;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CarePlan.CarePlanIntent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Goal.GoalLifecycleStatus;
import org.hl7.fhir.r4.model.Goal.GoalTargetComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Each version of the personalised care and support plan is a CarePlan that {@code replaces} the one before; its goals
 * are a Goal of the same id. The current version of an open episode is active, the last of a closed one completed,
 * and a version a later one replaced is revoked (its goals cancelled), since it stopped before it was carried out.
 */
@Component
class CarePlanResources {

    private final EpisodeRepository episodes;
    private final CarePlanRepository carePlans;
    private final ProfessionalRepository professionals;

    CarePlanResources(EpisodeRepository episodes, CarePlanRepository carePlans, ProfessionalRepository professionals) {
        this.episodes = episodes;
        this.carePlans = carePlans;
        this.professionals = professionals;
    }

    /** One version with its place in its episode: the version before it, and whether a later one replaced it. */
    private record Version(
            Episode episode, org.coordinatedcare.careplan.CarePlan plan, Long replaces, boolean current) {}

    private List<Version> versions(PatientRecord record) {
        List<Version> versions = new ArrayList<>();
        for (Episode episode :
                episodes.findByPatientIdOrderByOpenedAt(record.patient().id())) {
            List<org.coordinatedcare.careplan.CarePlan> plans = carePlans.findByEpisodeIdOrderByVersion(episode.id());
            for (int i = 0; i < plans.size(); i++) {
                versions.add(new Version(
                        episode, plans.get(i), i == 0 ? null : plans.get(i - 1).id(), i == plans.size() - 1));
            }
        }
        return versions;
    }

    List<CarePlan> carePlans(PatientRecord record) {
        Team team = new Team(professionals);
        return versions(record).stream().map(v -> carePlan(record, v, team)).toList();
    }

    List<Goal> goals(PatientRecord record) {
        return versions(record).stream().map(v -> goal(record, v)).toList();
    }

    private static CarePlan carePlan(PatientRecord record, Version v, Team team) {
        org.coordinatedcare.careplan.CarePlan plan = v.plan();
        CarePlan carePlan = new CarePlan();
        carePlan.setId(String.valueOf(plan.id()));
        carePlan.setStatus(
                !v.current()
                        ? CarePlanStatus.REVOKED
                        : v.episode().isActive() ? CarePlanStatus.ACTIVE : CarePlanStatus.COMPLETED);
        carePlan.setIntent(CarePlanIntent.PLAN);
        carePlan.setTitle("Personalised care and support plan, version " + plan.version());
        carePlan.setDescription("What matters to me: " + plan.whatMattersToMe());
        carePlan.setSubject(References.patient(record));
        carePlan.setCreated(References.date(plan.createdAt()));
        carePlan.setPeriod(new Period().setStart(References.date(plan.createdAt())));
        carePlan.setAuthor(team.byLogin(plan.createdBy()));
        carePlan.addCareTeam(new Reference("CareTeam/" + v.episode().id()));
        carePlan.addGoal(new Reference("Goal/" + plan.id()));
        if (v.replaces() != null) {
            carePlan.addReplaces(new Reference("CarePlan/" + v.replaces()));
        }
        for (CarePlanAction action : plan.actions()) {
            carePlan.addActivity(activity(action));
        }
        return carePlan;
    }

    private static CarePlanActivityComponent activity(CarePlanAction action) {
        CarePlanActivityDetailComponent detail = new CarePlanActivityDetailComponent();
        // we record what was agreed, not its progress
        detail.setStatus(CarePlanActivityStatus.UNKNOWN);
        detail.setDescription(action.description());
        if (action.owner() != null && !action.owner().isBlank()) {
            detail.addPerformer(new Reference().setDisplay(action.owner()));
        }
        if (action.dueDate() != null) {
            detail.setScheduled(new Period().setEndElement(References.day(action.dueDate())));
        }
        return new CarePlanActivityComponent().setDetail(detail);
    }

    private static Goal goal(PatientRecord record, Version v) {
        org.coordinatedcare.careplan.CarePlan plan = v.plan();
        Goal goal = new Goal();
        goal.setId(String.valueOf(plan.id()));
        goal.setLifecycleStatus(
                !v.current()
                        ? GoalLifecycleStatus.CANCELLED
                        : v.episode().isActive() ? GoalLifecycleStatus.ACTIVE : GoalLifecycleStatus.COMPLETED);
        goal.setDescription(new CodeableConcept().setText(plan.goals()));
        goal.setSubject(References.patient(record));
        goal.setStart(new DateType(
                plan.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString()));
        if (plan.reviewDate() != null) {
            goal.addTarget(new GoalTargetComponent()
                    .setDue(new DateType(plan.reviewDate().toString())));
        }
        return goal;
    }
}
