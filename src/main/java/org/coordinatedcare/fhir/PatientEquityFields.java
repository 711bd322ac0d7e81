package org.coordinatedcare.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * What a FHIR Patient says about the groups outcomes are split by (ADR 0025): its administrative gender, the NHS
 * ethnic category from the UK Core EthnicCategory extension, and the IMD quintile, which no UK Core profile carries,
 * only when the home address has our extension for it. Anything else is left unrecorded (null), never guessed.
 */
final class PatientEquityFields {

    static final String ETHNIC_CATEGORY_EXTENSION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory";
    static final List<String> ETHNIC_CATEGORY_SYSTEMS = List.of(
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEnglandAndWales",
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategory",
            "https://fhir.nhs.uk/CodeSystem/data-dictionary-ethnic-category");
    /** An integer 1 (most deprived) to 5 on Patient.address: the English IMD quintile of the address's LSOA. */
    static final String IMD_QUINTILE_EXTENSION =
            "https://coordinatedcare.org/fhir/StructureDefinition/address-imd-quintile";

    private PatientEquityFields() {}

    static String sex(Patient patient) {
        return patient.hasGender() ? patient.getGender().toCode() : null;
    }

    static String ethnicCategory(Patient patient) {
        Extension extension = patient.getExtensionByUrl(ETHNIC_CATEGORY_EXTENSION);
        if (extension == null || !(extension.getValue() instanceof CodeableConcept concept)) {
            return null;
        }
        for (Coding coding : concept.getCoding()) {
            String code = coding.getCode();
            if (ETHNIC_CATEGORY_SYSTEMS.contains(coding.getSystem())
                    && code != null
                    && code.strip().matches("[A-HJ-NPR-SZ]|99")) {
                return code.strip();
            }
        }
        return null;
    }

    static Integer imdQuintile(Patient patient) {
        for (Address address : patient.getAddress()) {
            if (address.hasUse() && address.getUse() != Address.AddressUse.HOME) {
                continue;
            }
            Extension extension = address.getExtensionByUrl(IMD_QUINTILE_EXTENSION);
            if (extension == null) {
                continue;
            }
            Integer quintile = null;
            if (extension.getValue() instanceof IntegerType number) {
                quintile = number.getValue();
            } else if (extension.getValue() instanceof StringType text
                    && text.getValue().matches("[1-5]")) {
                quintile = Integer.valueOf(text.getValue());
            }
            if (quintile != null && quintile >= 1 && quintile <= 5) {
                return quintile;
            }
        }
        return null;
    }
}
