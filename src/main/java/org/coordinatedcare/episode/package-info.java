/**
 * The coordinated-care episode every pathway step writes to: opening, binding a step to its episode, agreeing and
 * recording closure. It depends on no feature; what ends with an episode reacts to {@link
 * org.coordinatedcare.episode.EpisodeClosed} in the feature that owns it.
 */
@ApplicationModule(allowedDependencies = {"audit", "form", "patient", "reference", "security", "web"})
package org.coordinatedcare.episode;

import org.springframework.modulith.ApplicationModule;
