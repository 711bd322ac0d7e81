/**
 * The practice team's worklist of open pathway tasks, and its API.
 */
@ApplicationModule(allowedDependencies = {"form", "security", "web"})
package org.coordinatedcare.worklist;

import org.springframework.modulith.ApplicationModule;
