package org.coordinatedcare.reference;

/**
 * One SNOMED CT concept that counts as a long-term condition, and the category it counts towards. {@code descendsFrom}
 * is the listed concept it was found under when the list was expanded from a SNOMED CT release; null for a listed one.
 */
public record LtcCondition(String snomedCode, String description, String ltcCategory, String descendsFrom) {

    public LtcCondition(String snomedCode, String description, String ltcCategory) {
        this(snomedCode, description, ltcCategory, null);
    }
}
