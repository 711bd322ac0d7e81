/**
 * Finding the patients the pathway is for: eligibility, review lists for practices, scheduled runs and starting
 * pathways for the patients a clinician confirms.
 */
@ApplicationModule(allowedDependencies = {"episode", "form", "patient", "reference", "security", "web"})
package org.coordinatedcare.casefinding;

import org.springframework.modulith.ApplicationModule;
