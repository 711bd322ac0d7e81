/**
 * Moving running pathways from one version of a process to another: the plan, built with Camunda's migration API and
 * checked against every running instance, and its execution as a batch, recorded in the audit trail (ADR 0029).
 */
@ApplicationModule(allowedDependencies = {"audit", "episode", "form", "security", "web"})
package org.coordinatedcare.migration;

import org.springframework.modulith.ApplicationModule;
