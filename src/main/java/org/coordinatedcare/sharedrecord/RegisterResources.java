package org.coordinatedcare.sharedrecord;

import java.util.List;

import org.coordinatedcare.patient.ConditionRepository;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.HumanName.NameUse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/** The register's part of the record: the patient and their coded problems. */
@Component
class RegisterResources {

    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

    private final ConditionRepository conditions;

    RegisterResources(ConditionRepository conditions) {
        this.conditions = conditions;
    }

    Patient patient(PatientRecord record) {
        org.coordinatedcare.patient.Patient row = record.patient();
        Patient patient = new Patient();
        patient.setId(record.patientId());
        if (row.nhsNumber() != null) {
            patient.addIdentifier(
                    new Identifier().setSystem(References.NHS_NUMBER).setValue(row.nhsNumber()));
        }
        patient.addName(new HumanName()
                .setUse(NameUse.OFFICIAL)
                .setFamily(row.familyName())
                .setGiven(List.of(new StringType(row.givenName()))));
        patient.setBirthDateElement(new DateType(row.birthDate().toString()));
        if (row.deceased()) {
            patient.setDeceased(new BooleanType(true));
        }
        patient.setManagingOrganization(References.practice(record.practice()));
        patient.addGeneralPractitioner(References.practice(record.practice()));
        return patient;
    }

    List<Condition> conditions(PatientRecord record) {
        return conditions.findByPatientId(record.patient().id()).stream()
                .map(row -> condition(record, row))
                .toList();
    }

    private static Condition condition(PatientRecord record, org.coordinatedcare.patient.Condition row) {
        Condition condition = new Condition();
        condition.setId(String.valueOf(row.id()));
        condition.setClinicalStatus(
                row.isActive()
                        ? References.coded(CLINICAL, "active", "Active")
                        : References.coded(CLINICAL, "resolved", "Resolved"));
        condition.setVerificationStatus(References.coded(VERIFICATION, "confirmed", "Confirmed"));
        condition.addCategory(References.coded(CATEGORY, "problem-list-item", "Problem List Item"));
        condition.setCode(References.snomed(row.snomedCode(), row.description(), row.description()));
        condition.setSubject(References.patient(record));
        condition.setOnset(References.day(row.onsetDate()));
        condition.setAbatement(References.day(row.abatementDate()));
        return condition;
    }
}
