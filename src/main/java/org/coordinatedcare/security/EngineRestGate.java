package org.coordinatedcare.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.coordinatedcare.web.ApiProblems;
import org.coordinatedcare.web.RequestTooLargeException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The trust boundary of the engine REST API, on both of its mounts: {@code /engine-rest} (HTTP Basic) and the
 * webapps' {@code /camunda/api/engine} (Tasklist's and Cockpit's session). The engine's authorizations decide who may
 * touch which task or instance; they cannot say which variables a request may carry, nor that a pathway starts only at
 * its start events. So here, before the engine sees the request (ADR 0017):
 * <ul>
 * <li>completing, resolving or submitting a task carries only the fields of that task's deployed form;</li>
 * <li>starting a process carries only its start form's fields, and never start instructions or skip flags unless the
 * caller is an administrator;</li>
 * <li>a message sent by anyone but an administrator is the documented start {@code PatientIdentified} with at most a
 * {@code patientId}; other pathway events go through {@code POST /api/patients/{patientId}/pathway/events};</li>
 * <li>anyone but an administrator only reads jobs, executions, external tasks, incidents, batches, migrations,
 * process instances, variables and history, and writes no task's variables (defence in depth: the engine refuses these
 * too).</li>
 * </ul>
 * Every refusal is problem JSON naming the field or the reason, and nothing reaches the engine.
 */
@Configuration(proxyBeanMethods = false)
public class EngineRestGate {

    private static final Pattern MOUNT =
            Pattern.compile("^(?:/engine-rest|/camunda/api/engine)(?:/engine/([^/]+))?(/.*)?$");
    private static final Pattern TASK_INPUT = Pattern.compile("^/task/([^/]+)/(?:complete|submit-form|resolve)$");
    private static final Pattern START =
            Pattern.compile("^/process-definition/(?:key/([^/]+)(?:/tenant-id/[^/]+)?|([^/]+))/(?:start|submit-form)$");
    /** Changes to a task other than working it through its form: its variables, a new task, editing or deleting one. */
    private static final Pattern TASK_CHANGES =
            Pattern.compile("^/task/(?:create|[^/]+/(?:variables|localVariables)(?:/.*)?)$");

    private static final Pattern TASK = Pattern.compile("^/task/[^/]+$");
    /** Resources anyone but an administrator may only query ({@code GET}, or {@code POST} to the list or its count). */
    private static final Pattern READ_ONLY = Pattern.compile(
            "^/(job|job-definition|execution|external-task|incident|batch|migration|modification|process-instance"
                    + "|variable-instance|history/[^/]+)(/.*)?$");
    /** Under process definitions, starting is the one change anyone but an administrator sends (restart, suspend...). */
    private static final Pattern DEFINITION = Pattern.compile("^/process-definition(/.*)?$");
    /** Throwing a signal or evaluating conditions starts and moves instances: administrators only. */
    private static final Pattern SIGNALS = Pattern.compile("^/(signal|condition)(/.*)?$");

    private static final Pattern QUERY = Pattern.compile("^/(?:[^/]+|history/[^/]+)(?:/count)?$");
    private static final Set<String> MESSAGE_FIELDS =
            Set.of("messageName", "businessKey", "processVariables", "resultEnabled", "variablesInResultEnabled");
    static final String DOCUMENTED_START = "PatientIdentified";
    static final String PATIENT_ID = "patientId";
    /** A body larger than this is not a form's answers; the request-size limit refuses far larger ones anyway. */
    private static final int MAX_INSPECTED_BODY = 1 << 20;

    record Refusal(HttpStatus status, String title, String detail, String field) {}

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRestGateFilter(FormFields forms, ObjectMapper json) {
        UrlPathHelper paths = new UrlPathHelper();
        paths.setRemoveSemicolonContent(true);
        paths.setUrlDecode(true);
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Matcher mount =
                        MOUNT.matcher(paths.getPathWithinApplication(request).replaceAll("/{2,}", "/"));
                String method = request.getMethod();
                if (!mount.matches() || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
                    chain.doFilter(request, response);
                    return;
                }
                String path = mount.group(2) == null ? "/" : mount.group(2).replaceFirst("/$", "");
                Caller caller = caller(request, mount.group(1) == null ? "default" : mount.group(1));
                if (caller == null) {
                    chain.doFilter(request, response); // not logged in: the mount's own login answers
                    return;
                }
                // only the requests whose body is checked are read here; a deployment's upload streams on untouched
                byte[] body;
                try {
                    body = carriesInput(path) ? request.getInputStream().readNBytes(MAX_INSPECTED_BODY + 1) : null;
                } catch (RequestTooLargeException tooLarge) { // a body without a length, stopped at the cap as it came
                    refuse(
                            response,
                            new Refusal(
                                    HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", tooLarge.getMessage(), "body"),
                            json);
                    return;
                }
                Optional<Refusal> refusal = body != null && body.length > MAX_INSPECTED_BODY
                        ? Optional.of(new Refusal(
                                HttpStatus.PAYLOAD_TOO_LARGE,
                                "Request too large",
                                "The body is larger than any form's answers.",
                                "body"))
                        : check(method, path, caller, body == null ? new byte[0] : body, forms, json);
                if (refusal.isPresent()) {
                    refuse(response, refusal.get(), json);
                    return;
                }
                chain.doFilter(body == null ? request : new ReplayedRequest(request, body), response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setName("engine-rest-gate");
        registration.setOrder(2); // after Spring Security, the engine's login and the request-size limit
        return registration;
    }

    /** Who is calling and whether they administer the engine; null when nobody is logged in. */
    record Caller(String userId, boolean admin) {}

    static Caller caller(HttpServletRequest request, String engineName) {
        if (request.getRequestURI().substring(request.getContextPath().length()).startsWith("/engine-rest")) {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user == null || !user.isAuthenticated() || user.getName() == null) {
                return null;
            }
            return new Caller(
                    user.getName(),
                    user.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .anyMatch(Roles.ADMIN::equals));
        }
        HttpSession session = request.getSession(false);
        if (session == null
                || !(AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName)
                        instanceof UserAuthentication user)) {
            return null;
        }
        return new Caller(
                user.getName(), user.getGroupIds() != null && user.getGroupIds().contains(Roles.ADMIN));
    }

    private static boolean carriesInput(String path) {
        return TASK_INPUT.matcher(path).matches() || START.matcher(path).matches() || path.equals("/message");
    }

    static Optional<Refusal> check(
            String method, String path, Caller caller, byte[] body, FormFields forms, ObjectMapper json) {
        Matcher task = TASK_INPUT.matcher(path);
        if (method.equals("POST") && task.matches()) {
            return forms.ofTask(task.group(1))
                    .flatMap(fields -> onlyFields(
                            read(body, json).path("variables"), fields, "is not a field of this task's form"));
        }
        Matcher start = START.matcher(path);
        if (method.equals("POST") && start.matches()) {
            JsonNode request = read(body, json);
            if (!caller.admin()) {
                for (String part : List.of("startInstructions", "skipCustomListeners", "skipIoMappings")) {
                    if (request.hasNonNull(part)
                            && !(request.get(part).isBoolean()
                                    && !request.get(part).asBoolean())) {
                        return Optional.of(new Refusal(
                                HttpStatus.FORBIDDEN,
                                "Not allowed",
                                "A pathway starts at its start events only; starting part-way is for administrators.",
                                part));
                    }
                }
            }
            return forms.ofStart(start.group(2), start.group(1))
                    .flatMap(fields ->
                            onlyFields(request.path("variables"), fields, "is not a field of the start form"));
        }
        if (caller.admin()) {
            return Optional.empty();
        }
        if (method.equals("POST") && path.equals("/message")) {
            return message(read(body, json));
        }
        if (TASK_CHANGES.matcher(path).matches()
                || SIGNALS.matcher(path).matches()
                || (TASK.matcher(path).matches() && !method.equals("POST"))
                || DEFINITION.matcher(path).matches()
                || (READ_ONLY.matcher(path).matches()
                        && !(method.equals("POST") && QUERY.matcher(path).matches()))) {
            return Optional.of(new Refusal(
                    HttpStatus.FORBIDDEN,
                    "Not allowed",
                    "This part of the engine API is for administrators: clinicians change a pathway through its forms "
                            + "and events, managers and process owners read it.",
                    "path"));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> message(JsonNode request) {
        if (!DOCUMENTED_START.equals(request.path("messageName").asText())) {
            return Optional.of(new Refusal(
                    HttpStatus.FORBIDDEN,
                    "Not allowed",
                    "Only the PatientIdentified start may be sent here; report other pathway events through "
                            + "POST /api/patients/{patientId}/pathway/events.",
                    "messageName"));
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MESSAGE_FIELDS.contains(name)) {
                return Optional.of(new Refusal(
                        HttpStatus.BAD_REQUEST,
                        "Invalid input",
                        "'" + name + "' cannot be sent with PatientIdentified.",
                        name));
            }
        }
        return onlyFields(
                request.path("processVariables"), Set.of(PATIENT_ID), "cannot be sent with PatientIdentified");
    }

    private static Optional<Refusal> onlyFields(JsonNode variables, Set<String> allowed, String reason) {
        List<String> extra = new ArrayList<>();
        variables.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                extra.add(name);
            }
        });
        return extra.isEmpty()
                ? Optional.empty()
                : Optional.of(new Refusal(
                        HttpStatus.BAD_REQUEST,
                        "Invalid input",
                        "'" + extra.get(0) + "' " + reason + ": a form submits its own fields only.",
                        extra.get(0)));
    }

    /** The body as JSON; a body that is not JSON is left to the engine REST API, which answers it with a 400. */
    private static JsonNode read(byte[] body, ObjectMapper json) {
        try {
            JsonNode node = body.length == 0 ? null : json.readTree(body);
            return node == null || !node.isObject() ? json.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static void refuse(HttpServletResponse response, Refusal refusal, ObjectMapper json) throws IOException {
        ProblemDetail problem =
                ApiProblems.problem(refusal.status(), refusal.title(), refusal.detail(), refusal.field());
        problem.setProperty("message", refusal.detail()); // what Tasklist and Cockpit show of an error
        response.setStatus(refusal.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
