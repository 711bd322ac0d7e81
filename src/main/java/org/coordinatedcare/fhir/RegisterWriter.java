package org.coordinatedcare.fhir;

import static org.coordinatedcare.fhir.BatchUpsert.insertAll;
import static org.coordinatedcare.fhir.FhirValues.date;
import static org.coordinatedcare.fhir.FhirValues.truncate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.coordinatedcare.fhir.BatchUpsert.Row;
import org.coordinatedcare.patient.EncounterType;
import org.coordinatedcare.patient.NhsNumber;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Maps FHIR resources to the register's rows and writes one batch of one type at a time with plain, portable SQL
 * (PostgreSQL and H2): one query finds the rows that already exist (by FHIR id, or by NHS number or ODS code), one
 * query resolves the references of the batch, then one insert of all new rows (arrays unnested) and JDBC batch
 * updates. A row whose values are unchanged is not rewritten. Anything we cannot map is a {@link Rejected} with a
 * plain reason, never an exception.
 */
@Component
class RegisterWriter {

    /** Neighbourhood of a practice, when the Organization carries it: an extension with a valueString. */
    static final String NEIGHBOURHOOD_EXTENSION = "https://coordinatedcare.org/fhir/StructureDefinition/neighbourhood";
    static final String UNASSIGNED_NEIGHBOURHOOD = "Unassigned";
    static final String EFI_SCORE = "713636003";
    static final Map<String, String> EFI_CATEGORIES = Map.of("925791000000100", "mild", "925831000000107", "moderate",
            "925861000000102", "severe");
    private static final Set<String> INPATIENT_CLASSES = Set.of("IMP", "ACUTE", "NONAC");
    private static final String EMERGENCY_ADMISSION = "183452005";
    private static final String EMERGENCY_DEPARTMENT_VISIT = "4525004";
    private static final String PATIENT_DISCHARGE = "58000006";
    static final String DISCHARGE_SUFFIX = "#discharge";

    // one statement per batch and table: see insertAll
    private static final String INSERT_PRACTICES = insertAll("practice",
            "fhir_id varchar", "ods_code varchar", "name varchar", "neighbourhood varchar");
    private static final String INSERT_PRACTITIONERS = insertAll("practitioner",
            "fhir_id varchar", "given_name varchar", "family_name varchar", "sds_user_id varchar");
    private static final String INSERT_PATIENTS = insertAll("patient", "fhir_id varchar", "nhs_number varchar",
            "given_name varchar", "family_name varchar", "birth_date date", "practice_id bigint", "deceased boolean",
            "gp_practitioner_id bigint");
    private static final String INSERT_CONDITIONS = insertAll("patient_condition", "fhir_id varchar", "patient_id bigint",
            "snomed_code varchar", "description varchar", "onset_date date", "abatement_date date",
            "clinical_status varchar", "verification_status varchar");
    private static final String INSERT_ENCOUNTERS = insertAll("encounter",
            "fhir_id varchar", "patient_id bigint", "type varchar", "occurred_on date");
    private static final String INSERT_FRAILTY = insertAll("frailty_observation",
            "fhir_id varchar", "patient_id bigint", "efi_score numeric(5,3)", "category varchar", "effective_date date");

    private final BatchUpsert upsert;
    private final References references;

    RegisterWriter(NamedParameterJdbcTemplate jdbc, RegisterStatistics statistics) {
        this.upsert = new BatchUpsert(jdbc, statistics);
        this.references = new References(jdbc);
    }

    /** A resource that cannot go into the register, with the reason in plain words. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    record Parsed(Spool.Entry entry, Resource resource, String fhirId) {
        String type() {
            return resource.fhirType();
        }

        // each entry is one map key: hashing the record would hash its whole JSON text
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** What one batch did; applied to the report only once its transaction has committed. */
    static final class Result {
        final String type;
        int created;
        int updated;
        int unchanged;
        int skipped;
        final List<ImportReport.Rejection> rejections = new ArrayList<>();
        final Set<Long> hospitalEventPatients = new LinkedHashSet<>();

        Result(String type) {
            this.type = type;
        }

        void reject(Parsed parsed, String reason) {
            rejections.add(parsed.entry().reject(type, parsed.fhirId(), reason));
        }
    }

    /** Lookups that live for one import: practices and practitioners are few and read whole, once they are written. */
    static final class Context {
        final Spool spool;
        Map<String, Long> practiceByFhirId;
        Map<String, Long> practiceByOds;
        Map<String, Long> practitionerByFhirId;

        Context(Spool spool) {
            this.spool = spool;
        }
    }

    Result write(String type, List<Parsed> batch, Context context) {
        Result result = new Result(type);
        switch (type) {
            case "Organization" -> organizations(batch, result, context);
            case "Practitioner" -> practitioners(batch, result, context);
            case "Patient" -> patients(batch, result, context);
            case "Condition" -> conditions(batch, result, context);
            case "Encounter" -> encounters(batch, result, context);
            case "Observation" -> observations(batch, result, context);
            default -> result.skipped += batch.size();
        }
        return result;
    }

    // Organization → practice

    record PracticeValues(String fhirId, String odsCode, String name, String neighbourhood) {
    }

    private void organizations(List<Parsed> batch, Result result, Context context) {
        List<Row<PracticeValues>> rows = new ArrayList<>();
        for (Parsed parsed : batch) {
            Organization organization = (Organization) parsed.resource();
            String ods = FhirValues.identifier(organization.getIdentifier(), FhirValues.ODS_CODE);
            if (ods == null) {
                result.reject(parsed, "Organization has no ODS code (identifier system " + FhirValues.ODS_CODE + ")");
            } else if (ods.length() > 10) {
                result.reject(parsed, "ODS code '" + ods + "' is longer than 10 characters");
            } else if (!organization.hasName()) {
                result.reject(parsed, "Organization has no name");
            } else {
                rows.add(new Row<>(parsed, new PracticeValues(parsed.fhirId(), ods, truncate(organization.getName(), 200),
                        neighbourhood(organization))));
            }
        }
        upsert.write(rows, v -> List.of("f:" + v.fhirId(), "o:" + v.odsCode()),
                values -> upsert.existing("select id, fhir_id, ods_code, name, neighbourhood from practice where fhir_id = any(:fhirIds) "
                        + "union select id, fhir_id, ods_code, name, neighbourhood from practice where ods_code = any(:odsCodes)",
                        Map.of("fhirIds", values.stream().map(PracticeValues::fhirId).toList(),
                                "odsCodes", values.stream().map(PracticeValues::odsCode).toList()),
                        (rs, n) -> new PracticeValues(rs.getString("fhir_id"), rs.getString("ods_code"), rs.getString("name"),
                                rs.getString("neighbourhood")),
                        v -> List.of("f:" + v.fhirId(), "o:" + v.odsCode())),
                // no neighbourhood in the source: keep the one we have, or mark it unassigned
                (incoming, old) -> incoming.neighbourhood() != null ? incoming
                        : new PracticeValues(incoming.fhirId(), incoming.odsCode(), incoming.name(),
                                old != null ? old.neighbourhood() : UNASSIGNED_NEIGHBOURHOOD),
                INSERT_PRACTICES,
                "update practice set fhir_id = :fhirId, ods_code = :odsCode, name = :name, neighbourhood = :neighbourhood where id = :id",
                result);
        context.practiceByFhirId = null;
    }

    /** The neighbourhood extension, else the address district, else the town; null when none is given. */
    static String neighbourhood(Organization organization) {
        Extension extension = organization.getExtensionByUrl(NEIGHBOURHOOD_EXTENSION);
        if (extension != null && extension.getValue() instanceof StringType text && text.hasValue()) {
            return truncate(text.getValue(), 100);
        }
        return organization.getAddress().stream()
                .map(a -> a.hasDistrict() ? a.getDistrict() : a.hasCity() ? a.getCity() : null)
                .filter(Objects::nonNull).findFirst().map(s -> truncate(s, 100)).orElse(null);
    }

    // Practitioner → practitioner

    record PractitionerValues(String fhirId, String givenName, String familyName, String sdsUserId) {
    }

    private void practitioners(List<Parsed> batch, Result result, Context context) {
        List<Row<PractitionerValues>> rows = new ArrayList<>();
        for (Parsed parsed : batch) {
            Practitioner practitioner = (Practitioner) parsed.resource();
            HumanName name = name(practitioner.getName());
            if (name == null || !name.hasFamily()) {
                result.reject(parsed, "Practitioner has no family name");
                continue;
            }
            rows.add(new Row<>(parsed, new PractitionerValues(parsed.fhirId(), truncate(name.getGivenAsSingleString(), 100),
                    truncate(name.getFamily(), 100),
                    truncate(FhirValues.identifier(practitioner.getIdentifier(), FhirValues.SDS_USER_ID), 20))));
        }
        upsert.write(rows, v -> List.of("f:" + v.fhirId()),
                values -> upsert.existing("select fhir_id, id, given_name, family_name, sds_user_id from practitioner where fhir_id = any(:fhirIds)",
                        Map.of("fhirIds", values.stream().map(PractitionerValues::fhirId).toList()),
                        (rs, n) -> new PractitionerValues(rs.getString("fhir_id"), rs.getString("given_name"),
                                rs.getString("family_name"), rs.getString("sds_user_id")),
                        v -> List.of("f:" + v.fhirId())),
                null,
                INSERT_PRACTITIONERS,
                "update practitioner set given_name = :givenName, family_name = :familyName, sds_user_id = :sdsUserId where id = :id",
                result);
        context.practitionerByFhirId = null;
    }

    // Patient → patient

    record PatientValues(String fhirId, String nhsNumber, String givenName, String familyName, LocalDate birthDate,
            Long practiceId, boolean deceased, Long gpPractitionerId) {
    }

    private void patients(List<Parsed> batch, Result result, Context context) {
        references.loadPracticesAndPractitioners(context);
        List<Row<PatientValues>> rows = new ArrayList<>();
        for (Parsed parsed : batch) {
            try {
                rows.add(new Row<>(parsed, patient(parsed, context)));
            } catch (Rejected e) {
                result.reject(parsed, e.getMessage());
            }
        }
        upsert.write(rows, v -> v.nhsNumber() == null ? List.of("f:" + v.fhirId()) : List.of("f:" + v.fhirId(), "n:" + v.nhsNumber()),
                values -> upsert.existing("select id, fhir_id, nhs_number, given_name, family_name, birth_date, practice_id, deceased, "
                        + "gp_practitioner_id from patient where fhir_id = any(:fhirIds) "
                        + "union select id, fhir_id, nhs_number, given_name, family_name, birth_date, practice_id, deceased, "
                        + "gp_practitioner_id from patient where nhs_number = any(:nhsNumbers)",
                        // a union rather than "or", so each half uses its unique index on H2 as on PostgreSQL
                        Map.of("fhirIds", values.stream().map(PatientValues::fhirId).toList(),
                                "nhsNumbers", values.stream().map(PatientValues::nhsNumber).filter(Objects::nonNull).toList()),
                        (rs, n) -> new PatientValues(rs.getString("fhir_id"), rs.getString("nhs_number"), rs.getString("given_name"),
                                rs.getString("family_name"), rs.getObject("birth_date", LocalDate.class), rs.getLong("practice_id"),
                                rs.getBoolean("deceased"), rs.getObject("gp_practitioner_id", Long.class)),
                        v -> v.nhsNumber() == null ? List.of("f:" + v.fhirId()) : List.of("f:" + v.fhirId(), "n:" + v.nhsNumber())),
                null,
                INSERT_PATIENTS,
                "update patient set fhir_id = :fhirId, nhs_number = :nhsNumber, given_name = :givenName, family_name = :familyName, "
                        + "birth_date = :birthDate, practice_id = :practiceId, deceased = :deceased, gp_practitioner_id = :gpPractitionerId "
                        + "where id = :id",
                result);
    }

    private PatientValues patient(Parsed parsed, Context context) throws Rejected {
        Patient patient = (Patient) parsed.resource();
        String nhsNumber = FhirValues.identifier(patient.getIdentifier(), FhirValues.NHS_NUMBER);
        if (nhsNumber != null) {
            if (!NhsNumber.isValid(nhsNumber)) {
                throw new Rejected("NHS number '" + nhsNumber + "' is not valid (10 digits with a Modulus 11 check digit)");
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
                || (patient.hasDeceasedBooleanType() && patient.getDeceasedBooleanType().booleanValue());
        References.GeneralPractice gp = References.generalPractice(patient, context);
        return new PatientValues(parsed.fhirId(), nhsNumber, truncate(Objects.toString(name.getGivenAsSingleString(), ""), 100),
                truncate(name.getFamily(), 100), birthDate, gp.practiceId(), deceased, gp.practitionerId());
    }

    // Condition → patient_condition

    record ConditionValues(String fhirId, Long patientId, String snomedCode, String description, LocalDate onsetDate,
            LocalDate abatementDate, String clinicalStatus, String verificationStatus) {
    }

    private void conditions(List<Parsed> batch, Result result, Context context) {
        Map<Parsed, Long> subjects = references.subjects(batch, p -> ((Condition) p.resource()).getSubject(), result, context);
        List<Row<ConditionValues>> rows = new ArrayList<>();
        subjects.forEach((parsed, patientId) -> {
            Condition condition = (Condition) parsed.resource();
            Coding snomed = FhirValues.coding(condition.getCode(), FhirValues.SNOMED);
            if (snomed == null) {
                result.reject(parsed, "Condition has no SNOMED CT code (code.coding with system " + FhirValues.SNOMED + ")");
                return;
            }
            if (snomed.getCode().length() > 18) {
                result.reject(parsed, "SNOMED CT code '" + snomed.getCode() + "' is longer than 18 digits");
                return;
            }
            String description = snomed.hasDisplay() ? snomed.getDisplay() : condition.getCode().getText();
            LocalDate onset = condition.hasOnsetDateTimeType() ? date(condition.getOnsetDateTimeType())
                    : condition.hasOnsetPeriod() ? date(condition.getOnsetPeriod().getStartElement()) : null;
            LocalDate abatement = condition.hasAbatementDateTimeType() ? date(condition.getAbatementDateTimeType())
                    : condition.hasAbatementPeriod() ? date(condition.getAbatementPeriod().getEndElement()) : null;
            rows.add(new Row<>(parsed, new ConditionValues(parsed.fhirId(), patientId, snomed.getCode(), truncate(description, 255),
                    onset, abatement, truncate(FhirValues.anyCode(condition.getClinicalStatus()), 20),
                    truncate(FhirValues.anyCode(condition.getVerificationStatus()), 20))));
        });
        upsert.write(rows, v -> List.of("f:" + v.fhirId()),
                values -> upsert.existing("select id, fhir_id, patient_id, snomed_code, description, onset_date, abatement_date, clinical_status, "
                        + "verification_status from patient_condition where fhir_id = any(:fhirIds)",
                        Map.of("fhirIds", values.stream().map(ConditionValues::fhirId).toList()),
                        (rs, n) -> new ConditionValues(rs.getString("fhir_id"), rs.getLong("patient_id"), rs.getString("snomed_code"),
                                rs.getString("description"), rs.getObject("onset_date", LocalDate.class),
                                rs.getObject("abatement_date", LocalDate.class), rs.getString("clinical_status"),
                                rs.getString("verification_status")),
                        v -> List.of("f:" + v.fhirId())),
                null,
                INSERT_CONDITIONS,
                "update patient_condition set patient_id = :patientId, snomed_code = :snomedCode, description = :description, "
                        + "onset_date = :onsetDate, abatement_date = :abatementDate, clinical_status = :clinicalStatus, "
                        + "verification_status = :verificationStatus where id = :id",
                result);
    }

    // Encounter → encounter (one or two events)

    record EncounterValues(String fhirId, Long patientId, String type, LocalDate occurredOn) {
    }

    /**
     * Which hospital events a FHIR Encounter is (documented in the import's README section):
     * <ul>
     * <li>A&amp;E attendance: class EMER, or type SNOMED 4525004 (emergency department patient visit); on period.start.
     * <li>Unplanned admission: type SNOMED 183452005 (emergency hospital admission), or an inpatient class (IMP, ACUTE,
     * NONAC) with priority EM (v3-ActPriority) or admitSource emd (from the emergency department); on period.start.
     * <li>Hospital discharge: type SNOMED 58000006 (patient discharge), or an inpatient class with status finished and a
     * period.end; on period.end. It is stored with the derived id {@code <id>#discharge}, so a finished emergency stay
     * is two rows: the admission and the discharge.
     * </ul>
     * Cancelled, planned and entered-in-error encounters and any other kind are skipped.
     */
    static List<EncounterValues> events(Encounter encounter, String fhirId, Long patientId) throws Rejected {
        String status = encounter.hasStatus() ? encounter.getStatus().toCode() : "";
        if (Set.of("cancelled", "entered-in-error", "planned").contains(status)) {
            return List.of();
        }
        String encounterClass = encounter.hasClass_() ? encounter.getClass_().getCode() : "";
        boolean inpatient = INPATIENT_CLASSES.contains(encounterClass);
        boolean typeAe = encounter.getType().stream().anyMatch(t -> FhirValues.hasCode(t, FhirValues.SNOMED, EMERGENCY_DEPARTMENT_VISIT));
        boolean typeAdmission = encounter.getType().stream().anyMatch(t -> FhirValues.hasCode(t, FhirValues.SNOMED, EMERGENCY_ADMISSION));
        boolean typeDischarge = encounter.getType().stream().anyMatch(t -> FhirValues.hasCode(t, FhirValues.SNOMED, PATIENT_DISCHARGE));
        boolean emergencyPriority = encounter.hasPriority() && encounter.getPriority().getCoding().stream().anyMatch(c -> "EM".equals(c.getCode()));
        boolean fromEd = encounter.hasHospitalization() && encounter.getHospitalization().hasAdmitSource()
                && encounter.getHospitalization().getAdmitSource().getCoding().stream().anyMatch(c -> "emd".equals(c.getCode()));
        LocalDate start = date(encounter.getPeriod().getStartElement());
        LocalDate end = date(encounter.getPeriod().getEndElement());

        List<EncounterValues> events = new ArrayList<>();
        if (typeAdmission || (inpatient && (emergencyPriority || fromEd))) {
            events.add(new EncounterValues(fhirId, patientId, EncounterType.UNPLANNED_ADMISSION.name(), required(start, "period.start")));
        } else if (typeAe || "EMER".equals(encounterClass)) {
            events.add(new EncounterValues(fhirId, patientId, EncounterType.AE_ATTENDANCE.name(), required(start != null ? start : end, "period.start")));
        }
        if (typeDischarge || (inpatient && "finished".equals(status) && end != null)) {
            events.add(new EncounterValues(fhirId + DISCHARGE_SUFFIX, patientId, EncounterType.HOSPITAL_DISCHARGE.name(),
                    required(end != null ? end : start, "period.end")));
        }
        return events;
    }

    private static LocalDate required(LocalDate date, String element) throws Rejected {
        if (date == null) {
            throw new Rejected("Encounter has no " + element);
        }
        return date;
    }

    private void encounters(List<Parsed> batch, Result result, Context context) {
        Map<Parsed, Long> subjects = references.subjects(batch, p -> ((Encounter) p.resource()).getSubject(), result, context);
        List<Row<EncounterValues>> rows = new ArrayList<>();
        subjects.forEach((parsed, patientId) -> {
            try {
                List<EncounterValues> events = events((Encounter) parsed.resource(), parsed.fhirId(), patientId);
                if (events.isEmpty()) {
                    result.skipped++;
                }
                events.forEach(e -> rows.add(new Row<>(parsed, e)));
            } catch (Rejected e) {
                result.reject(parsed, e.getMessage());
            }
        });
        List<EncounterValues> created = upsert.write(rows, v -> List.of("f:" + v.fhirId()),
                values -> upsert.existing("select id, fhir_id, patient_id, type, occurred_on from encounter where fhir_id = any(:fhirIds)",
                        Map.of("fhirIds", values.stream().map(EncounterValues::fhirId).toList()),
                        (rs, n) -> new EncounterValues(rs.getString("fhir_id"), rs.getLong("patient_id"), rs.getString("type"),
                                rs.getObject("occurred_on", LocalDate.class)),
                        v -> List.of("f:" + v.fhirId())),
                null,
                INSERT_ENCOUNTERS,
                "update encounter set patient_id = :patientId, type = :type, occurred_on = :occurredOn where id = :id",
                result);
        created.forEach(e -> result.hospitalEventPatients.add(e.patientId()));
    }

    // Observation → frailty_observation

    record FrailtyValues(String fhirId, Long patientId, BigDecimal efiScore, String category, LocalDate effectiveDate) {
    }

    /** eFI score and/or category of a frailty Observation; null when the Observation is not about frailty. */
    static FrailtyValues frailty(Observation observation, String fhirId, Long patientId) throws Rejected {
        CodeableConcept code = observation.getCode();
        String categoryFromCode = code.getCoding().stream()
                .filter(c -> FhirValues.SNOMED.equals(c.getSystem()) && EFI_CATEGORIES.containsKey(c.getCode()))
                .map(c -> EFI_CATEGORIES.get(c.getCode())).findFirst().orElse(null);
        boolean efi = FhirValues.hasCode(code, FhirValues.SNOMED, EFI_SCORE);
        if (!efi && categoryFromCode == null) {
            return null;
        }
        BigDecimal score = null;
        String category = categoryFromCode;
        if (observation.hasValueQuantity() && observation.getValueQuantity().hasValue()) {
            score = observation.getValueQuantity().getValue().setScale(3, RoundingMode.HALF_UP);
            if (score.signum() < 0 || score.compareTo(BigDecimal.ONE) > 0) {
                throw new Rejected("eFI score " + observation.getValueQuantity().getValue() + " is outside 0 to 1");
            }
        }
        if (category == null && observation.hasValueCodeableConcept()) {
            CodeableConcept value = observation.getValueCodeableConcept();
            category = value.getCoding().stream().filter(c -> FhirValues.SNOMED.equals(c.getSystem()) && EFI_CATEGORIES.containsKey(c.getCode()))
                    .map(c -> EFI_CATEGORIES.get(c.getCode())).findFirst().orElse(null);
            String text = value.hasText() ? value.getText().trim().toLowerCase() : null;
            if (category == null && text != null && Set.of("fit", "mild", "moderate", "severe").contains(text)) {
                category = text;
            }
        }
        if (category == null && score != null) {
            category = efiCategory(score);
        }
        if (score == null && category == null) {
            throw new Rejected("Frailty Observation has neither an eFI score (valueQuantity) nor a category");
        }
        LocalDate effective = observation.hasEffectiveDateTimeType() ? date(observation.getEffectiveDateTimeType())
                : observation.hasEffectivePeriod() ? date(observation.getEffectivePeriod().getStartElement())
                : observation.hasIssued() ? observation.getIssuedElement().getValue().toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                : null;
        if (effective == null) {
            throw new Rejected("Frailty Observation has no effective date");
        }
        return new FrailtyValues(fhirId, patientId, score, category, effective);
    }

    /** The eFI's published cut-offs: fit up to 0.12, mild up to 0.24, moderate up to 0.36, severe above. */
    static String efiCategory(BigDecimal score) {
        double s = score.doubleValue();
        return s <= 0.12 ? "fit" : s <= 0.24 ? "mild" : s <= 0.36 ? "moderate" : "severe";
    }

    private void observations(List<Parsed> batch, Result result, Context context) {
        List<Parsed> frailty = new ArrayList<>();
        for (Parsed parsed : batch) {
            try {
                if (frailty((Observation) parsed.resource(), parsed.fhirId(), null) == null) {
                    result.skipped++;
                } else {
                    frailty.add(parsed);
                }
            } catch (Rejected e) {
                result.reject(parsed, e.getMessage());
            }
        }
        Map<Parsed, Long> subjects = references.subjects(frailty, p -> ((Observation) p.resource()).getSubject(), result, context);
        List<Row<FrailtyValues>> rows = new ArrayList<>();
        subjects.forEach((parsed, patientId) -> {
            try {
                rows.add(new Row<>(parsed, frailty((Observation) parsed.resource(), parsed.fhirId(), patientId)));
            } catch (Rejected e) {
                result.reject(parsed, e.getMessage());
            }
        });
        upsert.write(rows, v -> List.of("f:" + v.fhirId()),
                values -> upsert.existing("select id, fhir_id, patient_id, efi_score, category, effective_date from frailty_observation "
                        + "where fhir_id = any(:fhirIds)", Map.of("fhirIds", values.stream().map(FrailtyValues::fhirId).toList()),
                        (rs, n) -> new FrailtyValues(rs.getString("fhir_id"), rs.getLong("patient_id"),
                                rs.getBigDecimal("efi_score") == null ? null : rs.getBigDecimal("efi_score").setScale(3, RoundingMode.HALF_UP),
                                rs.getString("category"), rs.getObject("effective_date", LocalDate.class)),
                        v -> List.of("f:" + v.fhirId())),
                null,
                INSERT_FRAILTY,
                "update frailty_observation set patient_id = :patientId, efi_score = :efiScore, category = :category, "
                        + "effective_date = :effectiveDate where id = :id",
                result);
    }

    private static HumanName name(List<HumanName> names) {
        return names.stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(names.isEmpty() ? null : names.get(0));
    }
}
