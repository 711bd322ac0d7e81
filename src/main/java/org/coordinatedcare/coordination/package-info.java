/**
 * Who is responsible for a patient's episode: the named professional, the care coordinator (appointment,
 * transfer, funding decision, schedule) and the team options offered on those tasks.
 */
@ApplicationModule(allowedDependencies = {"audit", "episode", "form", "security", "team"})
package org.coordinatedcare.coordination;

import org.springframework.modulith.ApplicationModule;
