package org.coordinatedcare.form;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task whose Camunda Form has a {@link FormContext} that context when the task is created, and refuses
 * a completion that tries to set it. Keyed by the form, not drawn in the diagram: a process owner who moves a form to
 * another task moves what it shows with it.
 */
@Component
public class FormContexts extends AbstractProcessEnginePlugin {

    private final ObjectProvider<FormContext> contexts;
    private volatile Map<String, FormContext> byForm;

    public FormContexts(ObjectProvider<FormContext> contexts) {
        this.contexts = contexts;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        UserTaskHooks.onEveryUserTask(configuration, task -> {
            Expression form = task.getFormDefinition() == null
                    ? null
                    : task.getFormDefinition().getCamundaFormDefinitionKey();
            if (form != null) {
                String formId = form.getExpressionText();
                task.addTaskListener(TaskListener.EVENTNAME_CREATE, created -> show(formId, created));
                task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, FormContexts::refuseForgedContext);
            }
        });
    }

    private void show(String formId, DelegateTask task) {
        FormContext context = contexts().get(formId);
        if (context != null) {
            context.describe(task).ifPresent(text -> task.setVariableLocal(FormContext.VARIABLE, text));
        }
    }

    /**
     * The form never submits the context (it has no field of that key, and the engine REST gate lets a form submit
     * only its fields); a value sent anyway through the Java API is refused before anything is written.
     */
    static void refuseForgedContext(DelegateTask task) {
        if (TransientFormAnswers.isAnswer(task, FormContext.VARIABLE)
                || task.getExecution().hasVariable(FormContext.VARIABLE)) {
            refuse();
        }
    }

    static void refuse() {
        throw new FormInputException(
                FormContext.VARIABLE, "What earlier steps recorded is shown by the server and cannot be submitted.");
    }

    private Map<String, FormContext> contexts() {
        if (byForm == null) { // looked up at the first task, once the beans the contexts read from exist
            byForm = contexts.orderedStream()
                    .collect(Collectors.toUnmodifiableMap(FormContext::formId, Function.identity()));
        }
        return byForm;
    }
}
