package org.coordinatedcare.fhir;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.coordinatedcare.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/fhir/import}: a FHIR R4 Bundle ({@code application/fhir+json}) or Bulk Data NDJSON
 * ({@code application/fhir+ndjson}), streamed from the request. Answers 200 with the {@link ImportReport}; 422 problem
 * JSON carrying the report when a transaction Bundle was refused as a whole (its first faulty entry is the
 * {@code field}, e.g. {@code entry[3]}); 400 problem JSON when the body is not JSON/NDJSON at all. For
 * Camunda administrators and the {@code register-import} group (a system account of the GP or hospital feed).
 */
@RestController
public class FhirImportController {

    static final String FHIR_JSON = "application/fhir+json";
    static final String FHIR_NDJSON = "application/fhir+ndjson";

    private final FhirImporter importer;
    private final IdentityService identity;
    private final ObjectMapper json;

    public FhirImportController(FhirImporter importer, IdentityService identity, ObjectMapper json) {
        this.importer = importer;
        this.identity = identity;
        this.json = json;
    }

    @PostMapping(
            path = "/api/fhir/import",
            consumes = {FHIR_JSON, MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importBundle(HttpServletRequest request) throws IOException {
        checkAllowed();
        ImportReport report = importer.importBundle(request.getInputStream());
        if (report.isCommitted()) {
            return ResponseEntity.ok(report);
        }
        return ResponseEntity.unprocessableEntity()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(refused(report));
    }

    /** A refused transaction as problem JSON, with the report's members beside the standard ones. */
    private ProblemDetail refused(ImportReport report) {
        ImportReport.Rejection first =
                report.getRejections().isEmpty() ? null : report.getRejections().get(0);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "The transaction Bundle was refused as a whole, so nothing was written: " + report.getRejectionCount()
                        + (report.getRejectionCount() == 1 ? " entry is" : " entries are") + " wrong"
                        + (first == null ? "." : "; the first: " + first.reason() + "."));
        problem.setTitle("Transaction refused");
        if (first != null && first.index() != null) {
            problem.setProperty("field", "entry[" + first.index() + "]");
        }
        json.convertValue(report, new TypeReference<Map<String, Object>>() {}).forEach(problem::setProperty);
        return problem;
    }

    @PostMapping(
            path = "/api/fhir/import",
            consumes = {FHIR_NDJSON, "application/x-ndjson", "application/ndjson"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importNdjson(HttpServletRequest request) throws IOException {
        checkAllowed();
        return importer.importNdjson(request.getInputStream());
    }

    private void checkAllowed() {
        Authentication user = identity.getCurrentAuthentication();
        List<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
        if (!groups.contains(Roles.ADMIN) && !groups.contains(Roles.REGISTER_IMPORT)) {
            throw new AccessDeniedException(
                    "Importing the register needs a Camunda administrator or a member of group '"
                            + Roles.REGISTER_IMPORT + "'.");
        }
    }
}
