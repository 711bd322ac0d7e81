package org.coordinatedcare.careplan;

import java.time.LocalDate;

/** One agreed action: what, who does it, by when. */
public record CarePlanAction(String description, String owner, LocalDate dueDate) {}
