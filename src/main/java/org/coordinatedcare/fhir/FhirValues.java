package org.coordinatedcare.fhir;

import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/** Reading the few FHIR values we need: dates as written (no time-zone shift), codes of a system, identifiers. */
final class FhirValues {

    static final String SNOMED = "http://snomed.info/sct";
    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String SDS_USER_ID = "https://fhir.nhs.uk/Id/sds-user-id";

    private FhirValues() {}

    /** The calendar date as the source wrote it; a year or year-month alone means its first day. */
    static LocalDate date(BaseDateTimeType value) {
        if (value == null || value.isEmpty() || value.getValueAsString() == null) {
            return null;
        }
        String text = value.getValueAsString();
        if (text.length() >= 10) {
            return LocalDate.parse(text.substring(0, 10));
        }
        if (text.length() == 7) {
            return LocalDate.parse(text + "-01");
        }
        return LocalDate.parse(text.substring(0, 4) + "-01-01");
    }

    static String code(CodeableConcept concept, String system) {
        Coding coding = coding(concept, system);
        return coding == null ? null : coding.getCode();
    }

    static Coding coding(CodeableConcept concept, String system) {
        if (concept == null) {
            return null;
        }
        for (Coding coding : concept.getCoding()) {
            if (system.equals(coding.getSystem()) && coding.hasCode()) {
                return coding;
            }
        }
        return null;
    }

    /** The first code of a concept whatever its system (FHIR's own status value sets), or null. */
    static String anyCode(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        return concept.getCoding().stream()
                .filter(Coding::hasCode)
                .map(Coding::getCode)
                .findFirst()
                .orElse(null);
    }

    static boolean hasCode(CodeableConcept concept, String system, String code) {
        return concept != null
                && concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    static String identifier(List<Identifier> identifiers, String system) {
        for (Identifier identifier : identifiers) {
            if (system.equals(identifier.getSystem()) && identifier.hasValue()) {
                return identifier.getValue().trim();
            }
        }
        return null;
    }

    /** The resource's logical id, or for a Bundle entry without one the uuid of its urn:uuid fullUrl. */
    static String fhirId(Resource resource, String fullUrl) {
        if (resource.getIdElement().hasIdPart()) {
            return resource.getIdElement().getIdPart();
        }
        if (fullUrl != null && fullUrl.startsWith("urn:uuid:")) {
            return fullUrl.substring("urn:uuid:".length());
        }
        return null;
    }

    static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /** The official name, else the first; null when there is none. */
    static HumanName name(List<HumanName> names) {
        return names.stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(names.isEmpty() ? null : names.get(0));
    }
}
