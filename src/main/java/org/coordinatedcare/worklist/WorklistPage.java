package org.coordinatedcare.worklist;

import java.util.List;

/** A page of the worklist; {@code more} says whether a next page has anything on it. */
public record WorklistPage(int page, int size, boolean more, List<WorklistItem> items) {}
