/**
 * Our HTTP API's errors and limits: problem JSON for every error ({@code ApiProblems}, and for the engine REST API
 * {@code EngineRestProblems}, wired by {@code EngineRestConfig}), request size limits, and {@link
 * org.coordinatedcare.web.StateConflict}, which features' exceptions implement to be answered 409. Knows no feature.
 */
@ApplicationModule(allowedDependencies = {"form"})
package org.coordinatedcare.web;

import org.springframework.modulith.ApplicationModule;
