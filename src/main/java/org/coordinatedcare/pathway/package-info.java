/**
 * The composition of a patient's pathway: the aggregated read view across features and the events reported from
 * outside Tasklist. It may depend on the features; nothing may depend on it.
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "careplan",
            "coordination",
            "document",
            "episode",
            "form",
            "mdt",
            "patient",
            "referral",
            "security",
            "web"
        })
package org.coordinatedcare.pathway;

import org.springframework.modulith.ApplicationModule;
