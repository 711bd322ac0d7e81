package org.coordinatedcare.tasklist;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.form.UserTaskHooks;
import org.springframework.stereotype.Component;

/**
 * Puts the patient's label on every user task as a task variable, so Tasklist's cards can show whose task it is.
 * Tasklist reads a card's variables with the clinician's own rights, and a clinician may read their practice's tasks
 * but not the process instances behind them (other practices' patients share those definitions), so the instance's
 * {@code patientLabel} never reached the card. A task variable is read with the task. This is display only: it adds no
 * flow and the process owner's diagrams stay as drawn.
 */
@Component
public class PatientLabelOnTasks extends AbstractProcessEnginePlugin {

    static final TaskListener COPY_LABEL = task -> {
        Object label = task.getVariable(PathwayVariables.PATIENT_LABEL);
        if (label != null && !task.hasVariableLocal(PathwayVariables.PATIENT_LABEL)) {
            task.setVariableLocal(PathwayVariables.PATIENT_LABEL, label);
        }
    };

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        UserTaskHooks.onEveryUserTask(
                configuration, task -> task.addTaskListener(TaskListener.EVENTNAME_CREATE, COPY_LABEL));
    }
}
