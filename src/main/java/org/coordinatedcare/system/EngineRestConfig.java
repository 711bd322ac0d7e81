package org.coordinatedcare.system;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
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
 * The engine REST API as the starter configures it, except that a form refused by one of our task listeners answers
 * 400 with the plain message (Tasklist shows it to the clinician) instead of 500 with the engine's wrapping text.
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

    /** The refused form input somewhere in the exception's causes, if any. */
    static Optional<Response> refusedForm(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormInputException refused) {
                return Optional.of(Response.status(Response.Status.BAD_REQUEST)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("type", "InvalidFormInput", "message", refused.getMessage(), "field", refused.getField()))
                        .build());
            }
        }
        return Optional.empty();
    }

    /** Camunda's mapper for engine exceptions (thrown by "complete"), with refused form input unwrapped. */
    public static class EngineExceptions extends ProcessEngineExceptionHandler {
        @Override
        public Response toResponse(ProcessEngineException exception) {
            return refusedForm(exception).orElseGet(() -> super.toResponse(exception));
        }
    }

    /** Camunda's mapper for REST exceptions (thrown by "submit-form", which Tasklist uses), likewise. */
    public static class RestExceptions extends RestExceptionHandler {
        @Override
        public Response toResponse(RestException exception) {
            return refusedForm(exception).orElseGet(() -> super.toResponse(exception));
        }
    }
}
