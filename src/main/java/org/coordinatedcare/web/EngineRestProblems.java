package org.coordinatedcare.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonParseExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.coordinatedcare.form.FormInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * How the engine REST API answers where a clinician's input goes in: completing a task ({@code task/{id}/complete},
 * {@code submit-form}, which Tasklist uses) and starting a pathway from its form. There every error is RFC 7807
 * problem JSON like our API's (ADR 0007): a 4xx status, a plain {@code detail}, the {@code field} to correct, and the
 * same text as {@code message}, which is what Tasklist shows. Refused form input is problem JSON wherever it comes
 * from, and so are a body over the size cap and a variable of a type outside the deserialization allow-list.
 * Everything else keeps Camunda's own answers, which Cockpit and Modeler expect. {@link EngineRestConfig} installs
 * these mappers in place of Camunda's.
 */
public final class EngineRestProblems {

    private EngineRestProblems() {}

    private static final Logger log = LoggerFactory.getLogger(EngineRestProblems.class);
    static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    private static final Pattern TASK_INPUT =
            Pattern.compile("(?:^|.*/)task/[^/]+/(?:complete|submit-form|resolve)/?$");
    private static final Pattern START_INPUT =
            Pattern.compile("(?:^|.*/)(?:process-definition/.+/(?:submit-form|start)|message)/?$");
    /** How the engine names a variable whose value it cannot convert. */
    private static final Pattern VARIABLE = Pattern.compile("(?:variable|Variable) '([^']+)'");

    private static final Pattern VALUE = Pattern.compile("value '([^']*)'");
    /** How the engine and its REST API refuse a type outside the deserialization allow-list. */
    private static final String TYPE_NOT_ALLOWED = "not whitelisted for deserialization";

    private static final ObjectMapper BODY_READER = new ObjectMapper();

    /** Which input a request carries, by its path relative to the REST root. */
    enum Input {
        TASK("taskId"),
        START("patientId"),
        OTHER(null);

        /** The field an access or state error names: the task, or for a start the patient it is for. */
        final String subject;

        Input(String subject) {
            this.subject = subject;
        }

        static Input of(String path) {
            if (path == null) {
                return OTHER;
            }
            return TASK_INPUT.matcher(path).matches()
                    ? TASK
                    : START_INPUT.matcher(path).matches() ? START : OTHER;
        }
    }

    /** Problem JSON for the exception, or empty where Camunda's own answer stands. */
    static Optional<Response> problem(Throwable exception, Input input, String body) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormInputException refused) {
                return answer(Response.Status.BAD_REQUEST, "Invalid input", refused.getMessage(), refused.getField());
            }
            if (cause instanceof RequestTooLargeException tooLarge) {
                // a body sent without a length, stopped at the cap while Jersey read it (RequestSizeLimit)
                return answer(
                        Response.Status.REQUEST_ENTITY_TOO_LARGE, "Request too large", tooLarge.getMessage(), "body");
            }
            if (String.valueOf(cause.getMessage()).contains(TYPE_NOT_ALLOWED)) {
                // the engine's deserialization allow-list (application.yaml): refused, not a failure of ours
                Matcher variable = VARIABLE.matcher(String.valueOf(exception.getMessage()));
                return answer(
                        Response.Status.BAD_REQUEST,
                        "Type not allowed",
                        "This variable's value is of a type the server"
                                + " does not deserialize; read it serialized (deserializeValue=false).",
                        variable.find() ? variable.group(1) : "variables");
            }
        }
        if (input == Input.OTHER) {
            // a refusal by the engine's authorizations is problem JSON everywhere, with the engine's reason
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof AuthorizationException refused) {
                    return answer(Response.Status.FORBIDDEN, "Not allowed", plain(refused.getMessage()), null);
                }
            }
            return Optional.empty();
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof StateConflict conflict) {
                return answer(
                        Response.Status.CONFLICT,
                        "Conflict with the pathway's state",
                        cause.getMessage(),
                        conflict.field());
            }
            if (cause instanceof OptimisticLockingException) {
                return answer(
                        Response.Status.CONFLICT,
                        "Conflict",
                        "Someone else changed this task at the same moment. Reload the task list and try again.",
                        input.subject);
            }
            if (cause instanceof NullValueException
                    && String.valueOf(cause.getMessage()).contains("Cannot find task")) {
                return answer(
                        Response.Status.NOT_FOUND,
                        "Task not found",
                        "This task is no longer open; it may have been completed by someone else.",
                        "taskId");
            }
            if (cause instanceof AuthorizationException || cause instanceof AccessDeniedException) {
                return answer(
                        Response.Status.FORBIDDEN,
                        "Not allowed",
                        input == Input.TASK
                                ? "This task is not yours to complete: it belongs to another practice's team or role."
                                : "You can start pathways for your own practice's patients only.",
                        input.subject);
            }
        }
        // a body Jersey could not read at all (a cause of the same types inside the engine is a variable's value)
        if (exception instanceof JsonParseException) {
            return answer(Response.Status.BAD_REQUEST, "Invalid input", "The body is not valid JSON.", "body");
        }
        if (exception instanceof JsonMappingException mapping) {
            String field =
                    mapping.getPath().isEmpty() || mapping.getPath().get(0).getFieldName() == null
                            ? "body"
                            : mapping.getPath().get(0).getFieldName();
            return answer(Response.Status.BAD_REQUEST, "Invalid input", "'" + field + "' has the wrong shape.", field);
        }
        Response.Status status = ExceptionHandlerHelper.getInstance().getStatus(exception);
        if (status.getFamily() == Response.Status.Family.CLIENT_ERROR) {
            // the engine's own wording (a value it cannot convert, a missing variable), with the variable it names
            String raw = String.valueOf(exception.getMessage());
            Matcher variable = VARIABLE.matcher(raw);
            return answer(
                    status,
                    "Invalid input",
                    plain(exception.getMessage()),
                    variable.find() ? variable.group(1) : variableWithValue(raw, body));
        }
        log.error("Unexpected failure completing a task or starting a pathway", exception);
        return answer(
                Response.Status.INTERNAL_SERVER_ERROR,
                "Unexpected error",
                "Something went wrong on our side; nothing was changed. The error has been logged.",
                null);
    }

    /**
     * The engine's conversion errors name the value, not the variable ("Cannot convert value 'soon' of type 'Date'"),
     * so the variable is found in the request body by that value.
     */
    static String variableWithValue(String message, String body) {
        Matcher value = VALUE.matcher(message);
        if (value.find() && body != null) {
            try {
                JsonNode variables = BODY_READER.readTree(body).path("variables");
                for (Map.Entry<String, JsonNode> variable : variables.properties()) {
                    JsonNode given = variable.getValue().path("value");
                    if (!given.isMissingNode() && given.asText().equals(value.group(1))) {
                        return variable.getKey();
                    }
                }
            } catch (IOException e) {
                // not JSON: the body as a whole is at fault
                return "body";
            }
        }
        return "variables";
    }

    /** The engine prefixes what went wrong with what it was doing ("Cannot submit task form 42: ..."). */
    private static String plain(String message) {
        if (message == null) {
            return "The request was refused.";
        }
        String text = message.replaceFirst(
                "^Cannot (?:submit task form|complete task|instantiate process definition|submit form)[^:]*: ", "");
        text = text.replaceAll(
                "Cannot convert value '([^']*)' of type '([^']*)' to java type \\S+", "'$1' is not a valid $2.");
        // no Java class names for the client: they say nothing to a clinician and something to an attacker
        return text.replaceAll("\\b(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error)\\b:? ?", "")
                .replaceAll("\\b(?:java|javax|jakarta|org|com)\\.(?:[a-z]\\w*\\.)*[A-Z]\\w*", "a value")
                .strip();
    }

    private static Optional<Response> answer(Response.Status status, String title, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", detail); // Tasklist shows an error's message
        return Optional.of(
                Response.status(status).type(PROBLEM_JSON).entity(body).build());
    }

    /** Common to the mappers: the request path decides whether problem JSON applies. */
    private static Response toResponse(
            Throwable exception, UriInfo uri, HttpServletRequest request, Supplier<Response> camunda) {
        Input input = Input.of(uri == null ? null : uri.getPath());
        return problem(exception, input, input == Input.OTHER ? null : EngineRestConfig.body(request))
                .orElseGet(camunda);
    }

    /** Camunda's mapper for engine exceptions (thrown by "complete"). */
    public static class EngineExceptions extends ProcessEngineExceptionHandler {
        @Context
        UriInfo uri;

        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return EngineRestProblems.toResponse(exception, uri, request, () -> super.toResponse(exception));
        }
    }

    /** Camunda's mapper for REST exceptions (thrown by "submit-form", which Tasklist uses). */
    public static class RestExceptions extends RestExceptionHandler {
        @Context
        UriInfo uri;

        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(RestException exception) {
            return EngineRestProblems.toResponse(exception, uri, request, () -> super.toResponse(exception));
        }
    }

    /** Camunda's mapper for anything else, such as our API's access check met while starting a pathway. */
    public static class AnyExceptions extends ExceptionHandler {
        @Context
        UriInfo uri;

        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(Throwable exception) {
            return EngineRestProblems.toResponse(exception, uri, request, () -> super.toResponse(exception));
        }
    }

    /** Camunda's mapper for a body that is not JSON, before Jackson's own (plain text). */
    @Priority(1)
    public static class UnreadableJson extends JsonParseExceptionHandler {
        @Context
        UriInfo uri;

        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(JsonParseException exception) {
            return EngineRestProblems.toResponse(exception, uri, request, () -> super.toResponse(exception));
        }
    }

    /** Camunda's mapper for JSON of the wrong shape, before Jackson's own. */
    @Priority(1)
    public static class MismatchedJson extends JsonMappingExceptionHandler {
        @Context
        UriInfo uri;

        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(JsonMappingException exception) {
            return EngineRestProblems.toResponse(exception, uri, request, () -> super.toResponse(exception));
        }
    }
}
