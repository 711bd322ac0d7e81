/**
 * Referrals to support services: suggested, proposed, sent, answered and their outcome; withdrawn when the
 * episode closes.
 */
@ApplicationModule(allowedDependencies = {"document", "episode", "form", "team"})
package org.coordinatedcare.referral;

import org.springframework.modulith.ApplicationModule;
