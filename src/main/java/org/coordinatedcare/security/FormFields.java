package org.coordinatedcare.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The keys of the fields of a task's or a start event's deployed Camunda Form: all a client may submit there. Looked up
 * as the system, since it only reads the form's design; whether the caller may work the task is the engine's check.
 */
@Component
public class FormFields {

    private final FormService forms;
    private final TaskService tasks;
    private final RepositoryService repository;
    private final EngineActor engine;
    private final ObjectMapper json;

    public FormFields(
            FormService forms, TaskService tasks, RepositoryService repository, EngineActor engine, ObjectMapper json) {
        this.forms = forms;
        this.tasks = tasks;
        this.repository = repository;
        this.engine = engine;
        this.json = json;
    }

    /** The task's form fields; empty when there is no such task (the engine then answers for itself). */
    public Optional<Set<String>> ofTask(String taskId) {
        return engine.asSystem(() -> {
            Task task =
                    tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
            if (task == null) {
                return Optional.empty();
            }
            if (task.getCamundaFormRef() == null) {
                return Optional.of(Set.of()); // no Camunda Form: nothing may be submitted
            }
            return Optional.of(keys(forms.getDeployedTaskForm(taskId)));
        });
    }

    /** The start form's fields of the latest definition with this key (or of this definition id). */
    public Optional<Set<String>> ofStart(String definitionIdOrNull, String keyOrNull) {
        return engine.asSystem(() -> {
            ProcessDefinition definition = definitionIdOrNull != null
                    ? repository
                            .createProcessDefinitionQuery()
                            .processDefinitionId(definitionIdOrNull)
                            .singleResult()
                    : repository
                            .createProcessDefinitionQuery()
                            .processDefinitionKey(keyOrNull)
                            .latestVersion()
                            .withoutTenantId()
                            .singleResult();
            if (definition == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(keys(forms.getDeployedStartForm(definition.getId())));
            } catch (ProcessEngineException noCamundaForm) { // no start form, or an embedded one
                return Optional.of(Set.of());
            }
        });
    }

    private Set<String> keys(InputStream form) {
        try (form) {
            Set<String> keys = new LinkedHashSet<>();
            collect(json.readTree(form).path("components"), keys);
            return keys;
        } catch (IOException e) {
            throw new ProcessEngineException("A deployed form is not valid JSON", e);
        }
    }

    private static void collect(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
            collect(component.path("components"), keys);
        }
    }
}
