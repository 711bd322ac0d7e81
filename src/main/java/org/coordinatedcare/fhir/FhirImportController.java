package org.coordinatedcare.fhir;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.coordinatedcare.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/fhir/import}: a FHIR R4 Bundle ({@code application/fhir+json}) or Bulk Data NDJSON
 * ({@code application/fhir+ndjson}), streamed from the request. Answers 200 with the {@link ImportReport}; 422 with it
 * when a transaction Bundle was refused as a whole; 400 problem JSON when the body is not JSON/NDJSON at all. For
 * Camunda administrators and the {@code register-import} group (a system account of the GP or hospital feed).
 */
@RestController
public class FhirImportController {

    static final String FHIR_JSON = "application/fhir+json";
    static final String FHIR_NDJSON = "application/fhir+ndjson";

    private final FhirImporter importer;
    private final IdentityService identity;

    public FhirImportController(FhirImporter importer, IdentityService identity) {
        this.importer = importer;
        this.identity = identity;
    }

    @PostMapping(path = "/api/fhir/import", consumes = {FHIR_JSON, MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportReport> importBundle(HttpServletRequest request) throws IOException {
        checkAllowed();
        ImportReport report = importer.importBundle(request.getInputStream());
        return ResponseEntity.status(report.isCommitted() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(report);
    }

    @PostMapping(path = "/api/fhir/import", consumes = {FHIR_NDJSON, "application/x-ndjson", "application/ndjson"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importNdjson(HttpServletRequest request) throws IOException {
        checkAllowed();
        return importer.importNdjson(request.getInputStream());
    }

    private void checkAllowed() {
        Authentication user = identity.getCurrentAuthentication();
        List<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
        if (!groups.contains(Roles.ADMIN) && !groups.contains(Roles.REGISTER_IMPORT)) {
            throw new AccessDeniedException("Importing the register needs a Camunda administrator or a member of group '"
                    + Roles.REGISTER_IMPORT + "'.");
        }
    }
}
