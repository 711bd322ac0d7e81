package org.coordinatedcare.patient;

/** How the person prefers to be contacted, as imported from their FHIR Patient (V12); each part may be missing. */
public record ContactPreferences(String phone, String email, String preferredLanguage) {

    public boolean isEmpty() {
        return phone == null && email == null && preferredLanguage == null;
    }
}
