/**
 * A patient's printable documents (letters, the care plan page) and their read API. Features hand over plain
 * values or their own page body; this package must not depend on the features that write documents.
 */
@ApplicationModule(allowedDependencies = {"episode", "patient", "security", "team"})
package org.coordinatedcare.document;

import org.springframework.modulith.ApplicationModule;
