/**
 * A care coordinator's caseload: the patients they coordinate now, each with the next booked activity, the plan's
 * review date and the pathway's open tasks ({@code GET /api/caseload}, ADR 0027).
 */
@ApplicationModule(
        allowedDependencies = {"careplan", "coordination", "episode", "form", "patient", "security", "team", "web"})
package org.coordinatedcare.caseload;

import org.springframework.modulith.ApplicationModule;
