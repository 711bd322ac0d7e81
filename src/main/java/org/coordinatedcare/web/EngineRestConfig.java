package org.coordinatedcare.web;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonParseExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The engine REST API as the starter configures it, with {@link EngineRestProblems}' mappers in place of Camunda's
 * exception mappers, and a copy of the body of the requests that carry a clinician's input, so that an error can name
 * the variable at fault.
 */
@Configuration
public class EngineRestConfig {

    private static final String BODY = EngineRestConfig.class.getName() + ".body";

    @Bean
    CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
        return new CamundaJerseyResourceConfig() {
            @Override
            protected void registerCamundaRestResources() {
                registerClasses(CamundaRestResources.getResourceClasses());
                Set<Class<?>> configuration = new LinkedHashSet<>(CamundaRestResources.getConfigurationClasses());
                configuration.removeAll(Set.of(
                        ProcessEngineExceptionHandler.class,
                        RestExceptionHandler.class,
                        ExceptionHandler.class,
                        JsonParseExceptionHandler.class,
                        JsonMappingExceptionHandler.class));
                registerClasses(configuration);
                registerClasses(
                        EngineRestProblems.EngineExceptions.class,
                        EngineRestProblems.RestExceptions.class,
                        EngineRestProblems.AnyExceptions.class,
                        EngineRestProblems.UnreadableJson.class,
                        EngineRestProblems.MismatchedJson.class);
                register(JacksonFeature.class);
            }
        };
    }
    /**
     * Keeps a copy of the body of the requests that carry a clinician's input while Jersey reads it, so an error can
     * name the variable at fault.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineInputBody() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if ("POST".equals(request.getMethod())
                        && path.startsWith("/engine-rest/")
                        && EngineRestProblems.Input.of(path.substring("/engine-rest/".length()))
                                != EngineRestProblems.Input.OTHER) {
                    ContentCachingRequestWrapper copy = new ContentCachingRequestWrapper(request, 1 << 20);
                    copy.setAttribute(BODY, copy);
                    chain.doFilter(copy, response);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/engine-rest/*");
        registration.setName("engine-input-body");
        registration.setOrder(1);
        return registration;
    }

    /** The copy kept by the filter below, or null where none was kept. */
    static String body(HttpServletRequest request) {
        try {
            return request != null && request.getAttribute(BODY) instanceof ContentCachingRequestWrapper copy
                    ? copy.getContentAsString()
                    : null;
        } catch (RuntimeException e) {
            return null; // outside a request
        }
    }
}
