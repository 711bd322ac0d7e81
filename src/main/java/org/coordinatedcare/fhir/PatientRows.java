package org.coordinatedcare.fhir;

import static org.coordinatedcare.fhir.BatchUpsert.insertAll;
import static org.coordinatedcare.fhir.FhirValues.date;
import static org.coordinatedcare.fhir.FhirValues.name;
import static org.coordinatedcare.fhir.FhirValues.truncate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.coordinatedcare.fhir.BatchUpsert.Row;
import org.coordinatedcare.fhir.RegisterWriter.Context;
import org.coordinatedcare.fhir.RegisterWriter.Parsed;
import org.coordinatedcare.fhir.RegisterWriter.Rejected;
import org.coordinatedcare.fhir.RegisterWriter.Result;
import org.coordinatedcare.patient.NhsNumber;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/**
 * Patient → patient: NHS number (checked and normalised), name, birth date, deceased, the practice and GP its
 * generalPractitioner references resolve to, contact preferences (telecom phone and email, preferred language), and
 * sex, ethnic category and IMD quintile when given ({@link PatientEquityFields}). A patient matches an existing row by
 * FHIR id or NHS number.
 */
final class PatientRows {

    // one statement per batch: see BatchUpsert.insertAll
    private static final String INSERT_PATIENTS = insertAll(
            "patient",
            "fhir_id varchar",
            "nhs_number varchar",
            "given_name varchar",
            "family_name varchar",
            "birth_date date",
            "practice_id bigint",
            "deceased boolean",
            "gp_practitioner_id bigint",
            "phone varchar",
            "email varchar",
            "preferred_language varchar",
            "sex varchar",
            "ethnic_category varchar",
            "imd_quintile integer");

    private final BatchUpsert upsert;
    private final References references;

    PatientRows(BatchUpsert upsert, References references) {
        this.upsert = upsert;
        this.references = references;
    }

    record PatientValues(
            String fhirId,
            String nhsNumber,
            String givenName,
            String familyName,
            LocalDate birthDate,
            Long practiceId,
            boolean deceased,
            Long gpPractitionerId,
            String phone,
            String email,
            String preferredLanguage,
            String sex,
            String ethnicCategory,
            Integer imdQuintile) {}

    void write(List<Parsed> batch, Result result, Context context) {
        references.loadPracticesAndPractitioners(context);
        List<Row<PatientValues>> rows = new ArrayList<>();
        for (Parsed parsed : batch) {
            try {
                rows.add(new Row<>(parsed, patient(parsed, context)));
            } catch (Rejected e) {
                result.reject(parsed, e.getMessage());
            }
        }
        upsert.write(
                rows,
                v -> v.nhsNumber() == null
                        ? List.of("f:" + v.fhirId())
                        : List.of("f:" + v.fhirId(), "n:" + v.nhsNumber()),
                values -> upsert.existing(
                        "select id, fhir_id, nhs_number, given_name, family_name, birth_date, practice_id, deceased, "
                                + "gp_practitioner_id, phone, email, preferred_language, sex, ethnic_category, imd_quintile from patient where fhir_id = any(:fhirIds) "
                                + "union select id, fhir_id, nhs_number, given_name, family_name, birth_date, practice_id, deceased, "
                                + "gp_practitioner_id, phone, email, preferred_language, sex, ethnic_category, imd_quintile from patient where nhs_number = any(:nhsNumbers)",
                        // a union rather than "or", so each half uses its unique index on H2 as on PostgreSQL
                        Map.of(
                                "fhirIds",
                                values.stream().map(PatientValues::fhirId).toList(),
                                "nhsNumbers",
                                values.stream()
                                        .map(PatientValues::nhsNumber)
                                        .filter(Objects::nonNull)
                                        .toList()),
                        (rs, n) -> new PatientValues(
                                rs.getString("fhir_id"),
                                rs.getString("nhs_number"),
                                rs.getString("given_name"),
                                rs.getString("family_name"),
                                rs.getObject("birth_date", LocalDate.class),
                                rs.getLong("practice_id"),
                                rs.getBoolean("deceased"),
                                rs.getObject("gp_practitioner_id", Long.class),
                                rs.getString("phone"),
                                rs.getString("email"),
                                rs.getString("preferred_language"),
                                rs.getString("sex"),
                                rs.getString("ethnic_category"),
                                rs.getObject("imd_quintile", Integer.class)),
                        v -> v.nhsNumber() == null
                                ? List.of("f:" + v.fhirId())
                                : List.of("f:" + v.fhirId(), "n:" + v.nhsNumber())),
                null,
                INSERT_PATIENTS,
                "update patient set fhir_id = :fhirId, nhs_number = :nhsNumber, given_name = :givenName, family_name = :familyName, "
                        + "birth_date = :birthDate, practice_id = :practiceId, deceased = :deceased, gp_practitioner_id = :gpPractitionerId, "
                        + "phone = :phone, email = :email, preferred_language = :preferredLanguage, "
                        + "sex = :sex, ethnic_category = :ethnicCategory, imd_quintile = :imdQuintile "
                        + "where id = :id",
                result);
    }

    private PatientValues patient(Parsed parsed, Context context) throws Rejected {
        Patient patient = (Patient) parsed.resource();
        String nhsNumber = FhirValues.identifier(patient.getIdentifier(), FhirValues.NHS_NUMBER);
        if (nhsNumber != null) {
            if (!NhsNumber.isValid(nhsNumber)) {
                throw new Rejected(
                        "NHS number '" + nhsNumber + "' is not valid (10 digits with a Modulus 11 check digit)");
            }
            nhsNumber = NhsNumber.normalise(nhsNumber);
        }
        HumanName name = name(patient.getName());
        if (name == null || !name.hasFamily()) {
            throw new Rejected("Patient has no family name");
        }
        LocalDate birthDate = date(patient.getBirthDateElement());
        if (birthDate == null) {
            throw new Rejected("Patient has no birth date");
        }
        boolean deceased = patient.hasDeceasedDateTimeType()
                || (patient.hasDeceasedBooleanType()
                        && patient.getDeceasedBooleanType().booleanValue());
        References.GeneralPractice gp = References.generalPractice(patient, context);
        return new PatientValues(
                parsed.fhirId(),
                nhsNumber,
                truncate(Objects.toString(name.getGivenAsSingleString(), ""), 100),
                truncate(name.getFamily(), 100),
                birthDate,
                gp.practiceId(),
                deceased,
                gp.practitionerId(),
                truncate(telecom(patient, ContactPointSystem.PHONE), 40),
                truncate(telecom(patient, ContactPointSystem.EMAIL), 200),
                truncate(preferredLanguage(patient), 100),
                PatientEquityFields.sex(patient),
                PatientEquityFields.ethnicCategory(patient),
                PatientEquityFields.imdQuintile(patient));
    }

    /** The number or address to use: current ones only (not "old", not ended), the lowest rank first. */
    private static String telecom(Patient patient, ContactPointSystem system) {
        return patient.getTelecom().stream()
                .filter(c ->
                        c.getSystem() == system && c.hasValue() && !c.getValue().isBlank())
                .filter(c -> c.getUse() != ContactPointUse.OLD)
                .filter(c -> !c.hasPeriod() || !c.getPeriod().hasEnd())
                .min(Comparator.comparingInt(c -> c.hasRank() ? c.getRank() : Integer.MAX_VALUE))
                .map(c -> c.getValue().strip())
                .orElse(null);
    }

    /** The language marked preferred, by its text or display, else its code (e.g. "pa" for Punjabi). */
    private static String preferredLanguage(Patient patient) {
        return patient.getCommunication().stream()
                .filter(c -> c.getPreferred() && c.hasLanguage())
                .map(c -> {
                    CodeableConcept language = c.getLanguage();
                    if (language.hasText()) {
                        return language.getText();
                    }
                    return language.getCoding().stream()
                            .map(coding -> coding.hasDisplay() ? coding.getDisplay() : coding.getCode())
                            .filter(Objects::nonNull)
                            .findFirst()
                            .orElse(null);
                })
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
