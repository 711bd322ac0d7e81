package org.coordinatedcare.web;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.coordinatedcare.form.FormInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Every error of our API as RFC 7807 problem JSON with a plain message and the field to correct ({@code field}, see
 * ADR 0007): a body member, a path variable ({@code patientId}) or {@code body} for the body as a whole. No exception
 * class names or stack traces reach the client; unexpected failures are logged and answered without them.
 */
// No basePackages: a request that matches no handler (wrong Content-Type for the import) must be answered here too.
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(FormInputException.class)
    ProblemDetail invalidForm(FormInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage(), e.getField());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage(), e.getField());
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail tooLarge(RequestTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", e.getMessage(), "body");
    }

    /** An unknown id in the path: the path variable is the field to correct. */
    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), pathVariable(request));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e, WebRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), pathVariable(request));
    }

    /** Also for a {@link StateConflict}, which the handler below passes here: it is an interface, not a class to map. */
    @ExceptionHandler(MismatchingMessageCorrelationException.class)
    ProblemDetail conflict(RuntimeException e, WebRequest request) {
        return problem(HttpStatus.CONFLICT, "Conflict with the pathway's state", e.getMessage(), pathVariable(request));
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e, WebRequest request) {
        if (e instanceof StateConflict) {
            return conflict(e, request);
        }
        RequestTooLargeException tooLarge = RequestTooLargeException.in(e);
        if (tooLarge != null) {
            return tooLarge(tooLarge); // the limit was hit while a reader further down was streaming the body
        }
        log.error("Unexpected failure in the API", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected error",
                "Something went wrong on our side; nothing was changed. The error has been logged.",
                null);
    }

    /** A body that is not JSON, or a member of the wrong type: Spring's default names neither. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestTooLargeException tooLarge = RequestTooLargeException.in(e);
        if (tooLarge != null) {
            return problemResponse(tooLarge(tooLarge));
        }
        ProblemDetail problem;
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", "'" + field + "' has the wrong type.", field);
        } else if (e.getCause() instanceof JsonProcessingException parse) {
            problem = problem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid input",
                    "The body is not valid JSON"
                            + (parse.getLocation() != null
                                    ? " (line " + parse.getLocation().getLineNr() + ", column "
                                            + parse.getLocation().getColumnNr() + ")."
                                    : "."),
                    "body");
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", "The request needs a JSON body.", "body");
        }
        return problemResponse(problem);
    }

    /** A path variable or parameter that is not of its type, such as a document id that is not a number. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName();
        return problemResponse(problem(
                HttpStatus.BAD_REQUEST,
                "Invalid input",
                "'" + e.getValue() + "' is not a valid " + field
                        + (e.getRequiredType() != null
                                        && Number.class.isAssignableFrom(
                                                org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(
                                                        e.getRequiredType()))
                                ? ": it must be a number."
                                : "."),
                field));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported =
                e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail problem = problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported content type",
                "Send the body as " + supported + ".",
                "Content-Type");
        return problemResponse(problem);
    }

    private static ResponseEntity<Object> problemResponse(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The one path variable of the request ({@code patientId}, {@code documentId}), if it has exactly one. */
    @SuppressWarnings("unchecked")
    private static String pathVariable(WebRequest request) {
        Object variables =
                request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (variables instanceof Map<?, ?> map && map.size() == 1) {
            return ((Map<String, String>) map).keySet().iterator().next();
        }
        return null;
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
