package org.coordinatedcare.coordination;

import java.util.EnumSet;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.team.PracticeTeam;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.stereotype.Component;

/**
 * Offers the practice's GPs and practice nurses on "Assign named professional". The list is a task-local variable,
 * fresh each time the task is created and gone when it completes, so the process keeps no copy of the team.
 */
@Component("clinicianOptions")
public class ClinicianOptions implements TaskListener {

    private final EpisodeBinding binding;
    private final PracticeTeam team;

    public ClinicianOptions(PracticeTeam team, EpisodeBinding binding) {
        this.binding = binding;
        this.team = team;
    }

    @Override
    public void notify(DelegateTask task) {
        String practiceCode = binding.practiceCode(task);
        task.setVariableLocal(
                "practiceClinicians",
                team.options(
                        team.members(practiceCode, EnumSet.of(ProfessionalRole.GP, ProfessionalRole.PRACTICE_NURSE))));
    }
}
