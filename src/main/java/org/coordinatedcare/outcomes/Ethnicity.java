package org.coordinatedcare.outcomes;

/**
 * The NHS ethnic category (Data Dictionary, the 2001 census categories: one letter) reported by its broad group, so
 * that fewer figures fall under the suppression threshold.
 */
final class Ethnicity {

    private Ethnicity() {}

    static String group(String code) {
        if (code == null || code.isBlank()) {
            return "not recorded";
        }
        return switch (code.strip().toUpperCase().substring(0, 1)) {
            case "A", "B", "C" -> "White";
            case "D", "E", "F", "G" -> "Mixed";
            case "H", "J", "K", "L" -> "Asian or Asian British";
            case "M", "N", "P" -> "Black or Black British";
            case "R", "S" -> "Other ethnic group";
            case "Z" -> "not stated";
            default -> "not known";
        };
    }
}
