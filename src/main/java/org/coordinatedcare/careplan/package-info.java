/**
 * The holistic assessment and the care and support plan: its versions, actions and with whom it is shared. The
 * printed plan names who to contact, so it reads who is named and who coordinates ({@code coordination}, {@code team}).
 */
@ApplicationModule(allowedDependencies = {"audit", "coordination", "document", "episode", "form", "patient", "team"})
package org.coordinatedcare.careplan;

import org.springframework.modulith.ApplicationModule;
