package org.coordinatedcare.system;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The engine REST API as the starter configures it, except that what a clinician can cause (a refused form, a task
 * completed twice) gets a plain message and a 4xx status instead of a 500 with the engine's wrapping text; Tasklist
 * shows the message.
 */
@Configuration
public class EngineRestConfig {

    @Bean
    CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
        return new CamundaJerseyResourceConfig() {
            @Override
            protected void registerCamundaRestResources() {
                registerClasses(CamundaRestResources.getResourceClasses());
                Set<Class<?>> configuration = new LinkedHashSet<>(CamundaRestResources.getConfigurationClasses());
                configuration.remove(ProcessEngineExceptionHandler.class);
                configuration.remove(RestExceptionHandler.class);
                registerClasses(configuration);
                register(EngineExceptions.class);
                register(RestExceptions.class);
                register(JacksonFeature.class);
            }
        };
    }

    /**
     * A plain answer for what clinicians meet in Tasklist: their form refused (400), the task changed by someone else
     * at the same moment (409), or the task already gone (404). Anything else keeps Camunda's own answer.
     */
    static Optional<Response> plainAnswer(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormInputException refused) {
                return Optional.of(answer(Response.Status.BAD_REQUEST, "InvalidFormInput", refused.getMessage(),
                        refused.getField()));
            }
            if (cause instanceof OptimisticLockingException) {
                return Optional.of(answer(Response.Status.CONFLICT, "Conflict",
                        "Someone else changed this task at the same moment. Reload the task list and try again.", null));
            }
            if (cause instanceof NullValueException && String.valueOf(cause.getMessage()).contains("Cannot find task")) {
                return Optional.of(answer(Response.Status.NOT_FOUND, "TaskNotFound",
                        "This task is no longer open; it may have been completed by someone else.", null));
            }
        }
        return Optional.empty();
    }

    private static Response answer(Response.Status status, String type, String message, String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** Camunda's mapper for engine exceptions (thrown by "complete"), with refused form input unwrapped. */
    public static class EngineExceptions extends ProcessEngineExceptionHandler {
        @Override
        public Response toResponse(ProcessEngineException exception) {
            return plainAnswer(exception).orElseGet(() -> super.toResponse(exception));
        }
    }

    /** Camunda's mapper for REST exceptions (thrown by "submit-form", which Tasklist uses), likewise. */
    public static class RestExceptions extends RestExceptionHandler {
        @Override
        public Response toResponse(RestException exception) {
            return plainAnswer(exception).orElseGet(() -> super.toResponse(exception));
        }
    }
}
