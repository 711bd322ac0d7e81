package org.coordinatedcare.caseload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A coordinator's caseload as {@code GET /api/caseload} answers it. Patients are named by FHIR id (ADR 0019); a field
 * with nothing to say is left out.
 */
record Caseload(Coordinator coordinator, List<CaseloadPatient> patients) {

    record Coordinator(String login, String name, String role, String practice) {}

    record CaseloadPatient(
            String patientId,
            String name,
            String nhsNumber,
            Instant coordinatingSince,
            Booking nextActivity,
            LocalDate nextContactDate,
            LocalDate planReviewDate,
            List<OpenTask> openTasks) {}

    record Booking(String activity, String withWhom, LocalDate on) {}

    record OpenTask(String taskId, String name, String assignee, Instant due) {}
}
