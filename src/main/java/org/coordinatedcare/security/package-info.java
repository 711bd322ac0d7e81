/**
 * Logins, engine authorizations and who may see and act on which practice's patients ({@code PracticeAccess}),
 * the engine REST gate, accounts for the practice teams. Knows no feature of the pathway.
 */
@ApplicationModule(allowedDependencies = {"patient", "team", "web"})
package org.coordinatedcare.security;

import org.springframework.modulith.ApplicationModule;
