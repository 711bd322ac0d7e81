/**
 * The composition of a patient's pathway: the aggregated read view across features, the patient's story for
 * Tasklist's Patient tab, and the events reported from outside Tasklist. It may depend on the features; nothing may depend on it.
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "careplan",
            "casefinding",
            "coordination",
            "document",
            "episode",
            "form",
            "mdt",
            "patient",
            "referral",
            "security",
            "team",
            "web"
        })
package org.coordinatedcare.pathway;

import org.springframework.modulith.ApplicationModule;
