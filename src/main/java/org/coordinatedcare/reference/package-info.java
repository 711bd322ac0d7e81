/**
 * Reference data: the long-term conditions the pathway counts and their codes, and its read API.
 * Depends on no other package.
 */
@ApplicationModule(allowedDependencies = {})
package org.coordinatedcare.reference;

import org.springframework.modulith.ApplicationModule;
