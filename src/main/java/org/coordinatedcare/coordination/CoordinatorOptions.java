package org.coordinatedcare.coordination;

import java.util.EnumSet;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.team.PracticeTeam;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.stereotype.Component;

/**
 * Offers who can act as care coordinator. The role "will usually fall to the person who has led the assessment or the
 * staff member who has the lead in providing care", so every member of the practice team is offered, not only the
 * PCN's care coordinators. Each option says how many patients that person coordinates now, so the lead can balance the
 * work: "Amina Yusuf (Care coordinator, 7 patients)".
 */
@Component("coordinatorOptions")
public class CoordinatorOptions implements TaskListener {

    private final EpisodeBinding binding;
    private final PracticeTeam team;
    private final CoordinatorAssignmentRepository assignments;

    public CoordinatorOptions(PracticeTeam team, EpisodeBinding binding, CoordinatorAssignmentRepository assignments) {
        this.binding = binding;
        this.team = team;
        this.assignments = assignments;
    }

    @Override
    public void notify(DelegateTask task) {
        String practiceCode = binding.practiceCode(task);
        task.setVariableLocal(
                "practiceCoordinators",
                team.options(
                        team.members(practiceCode, EnumSet.allOf(ProfessionalRole.class)),
                        p -> p.role().label() + ", "
                                + caseload(assignments.countByProfessionalIdAndEndedAtIsNull(p.id()))));
    }

    static String caseload(long patients) {
        return patients == 1 ? "1 patient" : patients + " patients";
    }
}
