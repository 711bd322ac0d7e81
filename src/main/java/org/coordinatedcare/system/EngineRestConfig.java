package org.coordinatedcare.system;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
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
                registerClasses(configuration);
                register(FormInputExceptionHandler.class);
                register(JacksonFeature.class);
            }
        };
    }

    /** Camunda's handler for every engine exception, with refused form input unwrapped. */
    public static class FormInputExceptionHandler extends ProcessEngineExceptionHandler {

        @Override
        public Response toResponse(ProcessEngineException exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof FormInputException refused) {
                    return Response.status(Response.Status.BAD_REQUEST)
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(Map.of("type", "InvalidFormInput", "message", refused.getMessage(),
                                    "field", refused.getField()))
                            .build();
                }
            }
            return super.toResponse(exception);
        }
    }
}
