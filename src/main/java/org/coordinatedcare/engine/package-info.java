/**
 * Process-engine and database configuration: history without details, schema order, JDBC converters. Depends only
 * on form, for the name of the variable that carries a form's context; holds no bean a diagram may call.
 */
@ApplicationModule(allowedDependencies = {"form"})
package org.coordinatedcare.engine;

import org.springframework.modulith.ApplicationModule;
