/**
 * The holistic assessment and the care and support plan: its versions, actions and with whom it is shared.
 */
@ApplicationModule(allowedDependencies = {"audit", "document", "episode", "form", "patient"})
package org.coordinatedcare.careplan;

import org.springframework.modulith.ApplicationModule;
