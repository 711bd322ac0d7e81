package org.coordinatedcare.sharedrecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.team.Professional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/** The references, codes and dates every mapping shares. */
final class References {

    static final String SNOMED = "http://snomed.info/sct";
    static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String NHS_NUMBER = PatientReference.NHS_NUMBER_SYSTEM;

    private References() {}

    static Reference patient(PatientRecord record) {
        return new Reference("Patient/" + record.patientId())
                .setDisplay(record.patient().displayName());
    }

    /** The practice by its ODS code: we serve no Organization, so the identifier is the reference. */
    static Reference practice(Practice practice) {
        return new Reference()
                .setType("Organization")
                .setIdentifier(new Identifier().setSystem(ODS_CODE).setValue(practice.odsCode()))
                .setDisplay(practice.name());
    }

    /** A team member by name; we serve no Practitioner, and their login is no identifier another system knows. */
    static Reference professional(Professional professional) {
        return new Reference().setType("Practitioner").setDisplay(professional.displayName());
    }

    static CodeableConcept snomed(String code, String display, String text) {
        return new CodeableConcept(new Coding(SNOMED, code, display)).setText(text);
    }

    static CodeableConcept coded(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static DateTimeType day(LocalDate date) {
        return date == null ? null : new DateTimeType(date.toString());
    }

    static Period period(Instant start, Instant end) {
        return new Period().setStart(date(start)).setEnd(date(end));
    }
}
