/**
 * Operators' metrics for Prometheus ({@code /actuator/prometheus}, administrators and scrape accounts): pathways by
 * stage, open and overdue tasks by role, the job backlog and incidents, read from the engine's public query API. The
 * import and case-finding timers are recorded where those run ({@code fhir}, {@code casefinding}).
 */
@ApplicationModule(allowedDependencies = {"team"})
package org.coordinatedcare.metrics;

import org.springframework.modulith.ApplicationModule;
