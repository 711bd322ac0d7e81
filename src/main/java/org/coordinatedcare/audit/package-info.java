/**
 * The audit trail of who did what to a pathway, and its read API.
 */
@ApplicationModule(allowedDependencies = {"patient", "security", "web"})
package org.coordinatedcare.audit;

import org.springframework.modulith.ApplicationModule;
