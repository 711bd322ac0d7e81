/**
 * The toolkit pathway steps read clinicians' answers with: {@code FormInput} and {@code FormInputException}, the
 * pathway's variable names, the current user, transient form answers and user-task hooks. Infrastructure: it depends
 * on no project package and holds no bean a diagram may call.
 */
@ApplicationModule(allowedDependencies = {})
package org.coordinatedcare.form;

import org.springframework.modulith.ApplicationModule;
