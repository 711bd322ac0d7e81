/**
 * Multidisciplinary team reviews of a patient's pathway and the trigger for a care coordinator.
 */
@ApplicationModule(allowedDependencies = {"careplan", "episode", "form", "patient"})
package org.coordinatedcare.mdt;

import org.springframework.modulith.ApplicationModule;
