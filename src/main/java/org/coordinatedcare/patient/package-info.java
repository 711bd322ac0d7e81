/**
 * The register: patients, practices, their long-term conditions and hospital encounters, and NHS number rules.
 * The base every feature reads; it depends on no other package.
 */
@ApplicationModule(allowedDependencies = {})
package org.coordinatedcare.patient;

import org.springframework.modulith.ApplicationModule;
