/**
 * The shared record served as FHIR R4 at {@code /fhir} (ADR 0023): HAPI FHIR's plain server, one resource provider
 * per type, reading the features' own records as the logged-in user under the practice rules. Outbound only; the
 * register import ({@code fhir}) is a separate package. Nothing depends on it.
 */
@ApplicationModule(
        allowedDependencies = {"careplan", "coordination", "episode", "mdt", "patient", "referral", "security", "team"})
package org.coordinatedcare.sharedrecord;

import org.springframework.modulith.ApplicationModule;
