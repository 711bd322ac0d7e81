/**
 * Neighbourhood MDT meetings: the agenda built from the reviews that fall due, its preparation, the meeting that
 * discusses several people in turn and correlates each outcome into that person's own pathway, the carry-over and the
 * minutes. Tasks go to the neighbourhood's MDT group ({@code mdt-borough}).
 */
@ApplicationModule(
        allowedDependencies = {"audit", "document", "episode", "form", "mdt", "patient", "security", "team", "web"})
package org.coordinatedcare.mdtmeeting;

import org.springframework.modulith.ApplicationModule;
