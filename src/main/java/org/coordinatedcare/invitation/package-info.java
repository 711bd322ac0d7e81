/**
 * Inviting the patient to a care planning conversation: letters, reminders, the response and the decision when
 * none comes.
 */
@ApplicationModule(allowedDependencies = {"coordination", "document", "episode", "form", "team"})
package org.coordinatedcare.invitation;

import org.springframework.modulith.ApplicationModule;
