/**
 * The register import: FHIR R4 Bundles and NDJSON from GP and hospital systems, read, checked and written to the
 * register in batches (one mapper per resource type), and the hospital events that reach a patient's pathway.
 */
@ApplicationModule(allowedDependencies = {"episode", "patient", "security", "web"})
package org.coordinatedcare.fhir;

import org.springframework.modulith.ApplicationModule;
