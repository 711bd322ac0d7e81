/**
 * Previewing a changed decision table before it is deployed (ADR 0029): the uploaded table is checked as a deployment
 * would be, parsed by a DMN engine and evaluated against the register or the running pathways beside the deployed
 * version. Nothing is written and no pathway starts.
 */
@ApplicationModule(allowedDependencies = {"casefinding", "deployment", "security", "web"})
package org.coordinatedcare.preview;

import org.springframework.modulith.ApplicationModule;
