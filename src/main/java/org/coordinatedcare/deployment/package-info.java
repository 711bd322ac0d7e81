/**
 * What a deployment may contain (ADR 0016). Process owners deploy diagrams, decisions and Camunda Forms through the
 * engine REST API; {@link org.coordinatedcare.deployment.DeploymentGuard} refuses, before the engine parses them,
 * anything that would run code of the process owner's choosing or reach the engine's services and other Spring beans:
 * a deployment changes the flow, never anyone's rights.
 */
@ApplicationModule(allowedDependencies = {})
package org.coordinatedcare.deployment;

import org.springframework.modulith.ApplicationModule;
