package org.coordinatedcare.patient;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * How every interface outside the engine names a patient (ADR 0019): the logical id of their FHIR Patient
 * ({@code demo-648}), or, for a caller who only knows that, their NHS number as a FHIR token
 * ({@code https://fhir.nhs.uk/Id/nhs-number|9991008179}). The register's row id is never an address: a bare number
 * names a patient only if a patient was imported with that FHIR id.
 */
@Component
public class PatientReference {

    /** The FHIR naming system of the NHS number. */
    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    private static final String NHS_NUMBER_TOKEN = NHS_NUMBER_SYSTEM + "|";

    /** A FHIR logical id: letters, digits, '-' and '.', 1 to 64 characters. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final PatientRepository patients;

    public PatientReference(PatientRepository patients) {
        this.patients = patients;
    }

    /** The patient a reference names: by FHIR id first, then as an NHS-number token; never by row id. */
    public Optional<Patient> find(String reference) {
        if (!isWellFormed(reference)) {
            return Optional.empty();
        }
        String ref = reference.strip();
        if (ref.startsWith(NHS_NUMBER_TOKEN)) {
            String nhsNumber = ref.substring(NHS_NUMBER_TOKEN.length());
            return NhsNumber.isValid(nhsNumber)
                    ? patients.findByNhsNumber(NhsNumber.normalise(nhsNumber))
                    : Optional.empty();
        }
        return patients.findByFhirId(ref);
    }

    /** Whether the text has the shape of a reference at all (a FHIR id or an NHS-number token), before any lookup. */
    public static boolean isWellFormed(String reference) {
        if (reference == null) {
            return false;
        }
        String ref = reference.strip();
        if (ref.startsWith(NHS_NUMBER_TOKEN)) {
            return ref.substring(NHS_NUMBER_TOKEN.length()).matches("[0-9 ]{10,12}");
        }
        return FHIR_ID.matcher(ref).matches();
    }

    /** The NHS-number token of a number, as a caller who does not know the FHIR id sends it. */
    public static String nhsNumberToken(String nhsNumber) {
        return NHS_NUMBER_TOKEN + NhsNumber.normalise(nhsNumber);
    }
}
