package org.coordinatedcare.form;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.AbstractTypedValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * What a clinician submits in a Camunda Form (Tasklist's "Complete") reaches the task's complete listeners as transient
 * task variables: readable by the listeners and by expressions while the task completes, but never written to the
 * engine's tables or its history. A listener that records an answer in our tables and {@link FormInput#forget forgets}
 * it leaves no copy of the clinical text in the engine and no history rows for it. Any answer
 * left after the diagram's own complete listeners becomes a process variable exactly where the engine would have put
 * it, so a process owner's gateway or decision on a new form field works with no Java, as before.
 *
 * <p>Only user tasks with a {@code camunda:formRef} are changed. A form field that a create listener has already set
 * on the task (the case-finding list's answers) stays a task variable, as before, and so do the answers of a delegate
 * who resolves a delegated task, because the task is not completed then. Completing a task through the task
 * API with variables (not a form) is not changed: the values become process variables and listeners forget them.
 */
@Component
public class TransientFormAnswers extends AbstractProcessEnginePlugin {

    /** Runs after the diagram's complete listeners: the answers they did not forget are kept for the flow. */
    static final TaskListener KEEP_REMAINING_ANSWERS = task -> {
        VariableMap local = task.getVariablesLocalTyped(false); // a copy: the loop may change the task's variables
        for (String name : local.keySet()) {
            TypedValue answer = local.getValueTyped(name);
            if (answer.isTransient()) {
                task.removeVariableLocal(name);
                task.getExecution().setVariable(name, marked(answer, false));
            }
        }
    };

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        UserTaskHooks.onEveryUserTask(configuration, task -> {
            if (task.getFormDefinition() != null && task.getFormDefinition().getCamundaFormDefinitionKey() != null) {
                task.setTaskFormHandler(new Answers(task.getTaskFormHandler()));
                task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, KEEP_REMAINING_ANSWERS);
            }
        });
    }

    /** True when {@code name} is an answer submitted with this task's form that nobody has kept or forgotten yet. */
    static boolean isAnswer(DelegateTask task, String name) {
        if (!task.hasVariableLocal(name)) {
            return false;
        }
        TypedValue value = task.getVariableLocalTyped(name, false);
        return value != null && value.isTransient();
    }

    // The typed values come with the submission (the REST API builds them for each request), so their transient flag
    // is set in place rather than on a copy: a copy would have to know every value type, Spin's JSON among them, to
    // keep
    // its serialized form. A Java caller that reuses a typed value after submitting it may find the flag changed.
    private static TypedValue marked(TypedValue answer, boolean isTransient) {
        if (answer instanceof AbstractTypedValue<?> typed) {
            typed.setTransient(isTransient);
            return typed;
        }
        return Variables.untypedValue(answer == null ? null : answer.getValue(), isTransient);
    }

    /** Sets each submitted value as a transient variable of the task, instead of a process variable. */
    private static final class Answers implements TaskFormHandler {

        private final TaskFormHandler form;

        Answers(TaskFormHandler form) {
            this.form = form;
        }

        @Override
        public void parseConfiguration(
                Element activityElement,
                DeploymentEntity deployment,
                ProcessDefinitionEntity processDefinition,
                BpmnParse bpmnParse) {
            form.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
        }

        @Override
        public TaskFormData createTaskForm(TaskEntity task) {
            return form.createTaskForm(task);
        }

        @Override
        public void submitFormVariables(VariableMap answers, VariableScope task) {
            if (answers.containsKey(FormContext.VARIABLE)) { // shown by the server, never taken back from a client
                FormContexts.refuse();
            }
            if (task instanceof TaskEntity delegated && delegated.getDelegationState() == DelegationState.PENDING) {
                // resolving a delegated task does not complete it: the owner completes it later with these answers
                form.submitFormVariables(answers, task);
                return;
            }
            for (String name : List.copyOf(answers.keySet())) {
                TypedValue answer = answers.getValueTyped(name);
                if (task.hasVariableLocal(name)) {
                    task.setVariableLocal(name, answer); // set up on the task by a create listener: stays there
                } else {
                    task.setVariableLocal(name, marked(answer, true));
                }
            }
        }
    }
}
