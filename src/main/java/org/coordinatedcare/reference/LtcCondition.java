package org.coordinatedcare.reference;

/** One SNOMED CT concept that counts as a long-term condition, and the category it counts towards. */
public record LtcCondition(String snomedCode, String description, String ltcCategory) {}
