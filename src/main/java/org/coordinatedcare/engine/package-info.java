/**
 * Process-engine and database configuration: history without details, schema order, JDBC converters. Depends
 * on no project package; holds no bean a diagram may call.
 */
@ApplicationModule(allowedDependencies = {})
package org.coordinatedcare.engine;

import org.springframework.modulith.ApplicationModule;
