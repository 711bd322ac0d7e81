package org.coordinatedcare.security;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Login everywhere. Our API ({@code /api/**}), the engine REST API ({@code /engine-rest/**}) and the actuator
 * (except health, administrators only) take HTTP Basic against the Camunda users, statelessly (no session cookie of
 * their own, so no CSRF exposure); our API also reads with the webapps' session on GET and HEAD, for Tasklist and
 * Cockpit plugins, and takes it for the rule previews when Camunda's CSRF token comes with it ({@link
 * WebappSessionLogin}, ADR 0021). The webapps (Tasklist, Cockpit,
 * Admin) keep Camunda's own session login and CSRF filter; Spring Security only adds its headers there.
 */
@Configuration
public class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain apis(
            HttpSecurity http,
            CamundaUserAuthenticationProvider users,
            ObjectMapper json,
            @Value("${camunda.bpm.process-engine-name:default}") String engineName,
            IdentityService identityService)
            throws Exception {
        // Path patterns on the whole request path: the engine REST API is a Jersey servlet, not Spring MVC.
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(new OrRequestMatcher(
                        paths.matcher("/api/**"),
                        paths.matcher("/engine-rest/**"),
                        paths.matcher("/actuator/**"),
                        paths.matcher("/fhir/**")))
                .authenticationProvider(users)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**"))
                        .permitAll()
                        // the Prometheus scrape: administrators and scrape accounts (counts only: no patient, no name)
                        .requestMatchers(paths.matcher("/actuator/prometheus"))
                        .hasAnyAuthority(Roles.ADMIN, Roles.METRICS_SCRAPE)
                        // other actuator endpoints describe the server: administrators only, and strangers get 401
                        .requestMatchers(paths.matcher("/actuator/**"))
                        .hasAuthority(Roles.ADMIN)
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized(json)))
                // Reads from a webapp plugin: the webapp's session, GET and HEAD only, plus the rule previews with
                // Camunda's CSRF token (ADR 0021).
                .addFilterBefore(new WebappSessionLogin(engineName, identityService), BasicAuthenticationFilter.class)
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(unauthorized(json)).accessDeniedHandler(forbidden(json)))
                // No session of our own, and never a new id for the webapp's: Spring's session-fixation defence would
                // otherwise change the id of the Cockpit or Tasklist session that a plugin's read rides on, and the
                // page's other requests, still on the old id, would fail as logged out (ADR 0025).
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webapps(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // The Camunda webapps protect themselves: session login and their own CSRF token filter.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /** 401 as problem JSON, with the Basic challenge so clients know how to log in. */
    private static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"coordinated-care\"");
            write(
                    response,
                    json,
                    HttpStatus.UNAUTHORIZED,
                    "Authentication required",
                    "Log in with your Camunda user name and password (HTTP Basic); a webapp session reads only.");
        };
    }

    /** 403 as problem JSON: a logged-in user who is not an administrator, on the actuator. */
    private static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, e) -> write(
                response,
                json,
                HttpStatus.FORBIDDEN,
                "Not allowed",
                "Only administrators (and, for /actuator/prometheus, scrape accounts) may use this endpoint.");
    }

    private static void write(
            HttpServletResponse response, ObjectMapper json, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Hands the Spring-authenticated user to the engine, so engine REST calls run under Camunda authorization. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.setName("camunda-engine-rest-authentication");
        registration.setOrder(0); // after Spring Security's chain (order -100)
        return registration;
    }

    /**
     * The same for our API and the shared record ({@code /fhir}): services and task listeners they call see the
     * logged-in user and their groups, so {@code PracticeAccess} applies.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiEngineAuthentication(IdentityService identityService) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                if (user == null || !user.isAuthenticated()) {
                    chain.doFilter(request, response);
                    return;
                }
                List<String> groups = user.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList();
                identityService.setAuthentication(user.getName(), groups);
                try {
                    chain.doFilter(request, response);
                } finally {
                    identityService.clearAuthentication();
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*", "/fhir/*");
        registration.setName("camunda-api-authentication");
        registration.setOrder(0);
        return registration;
    }
}
