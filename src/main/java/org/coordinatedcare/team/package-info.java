/**
 * The staff directory: professionals, their roles and which practice's team they belong to ({@code PracticeTeam}).
 * Knows no pathway: who is responsible for a patient's episode is {@code coordination}'s.
 */
@ApplicationModule(allowedDependencies = {"patient", "form"})
package org.coordinatedcare.team;

import org.springframework.modulith.ApplicationModule;
