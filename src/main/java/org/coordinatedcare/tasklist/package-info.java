/**
 * How Camunda Tasklist shows and queries tasks: the patient on task cards, the practice filters, and PostgreSQL
 * query plans for authorized task lists. Holds no bean a diagram may call.
 */
@ApplicationModule(allowedDependencies = {"form"})
package org.coordinatedcare.tasklist;

import org.springframework.modulith.ApplicationModule;
