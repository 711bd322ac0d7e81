/**
 * Outcomes for managers and clinical leads: the funnel, timings, caseloads, referrals, admissions before and after
 * identification and their split by group, read from our tables (and open tasks from the engine's query API), with
 * small numbers suppressed. A read model: it writes nothing.
 */
@ApplicationModule(allowedDependencies = {"security", "team", "web"})
package org.coordinatedcare.outcomes;

import org.springframework.modulith.ApplicationModule;
