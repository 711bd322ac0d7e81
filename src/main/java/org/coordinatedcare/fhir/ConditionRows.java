package org.coordinatedcare.fhir;

import static org.coordinatedcare.fhir.BatchUpsert.insertAll;
import static org.coordinatedcare.fhir.FhirValues.date;
import static org.coordinatedcare.fhir.FhirValues.truncate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.coordinatedcare.fhir.BatchUpsert.Row;
import org.coordinatedcare.fhir.RegisterWriter.Context;
import org.coordinatedcare.fhir.RegisterWriter.Parsed;
import org.coordinatedcare.fhir.RegisterWriter.Result;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/** Condition → patient_condition: the SNOMED CT code, onset, abatement and statuses, for a patient in the register. */
final class ConditionRows {

    // one statement per batch: see BatchUpsert.insertAll
    private static final String INSERT_CONDITIONS = insertAll(
            "patient_condition",
            "fhir_id varchar",
            "patient_id bigint",
            "snomed_code varchar",
            "description varchar",
            "onset_date date",
            "abatement_date date",
            "clinical_status varchar",
            "verification_status varchar");

    private final BatchUpsert upsert;
    private final References references;

    ConditionRows(BatchUpsert upsert, References references) {
        this.upsert = upsert;
        this.references = references;
    }

    record ConditionValues(
            String fhirId,
            Long patientId,
            String snomedCode,
            String description,
            LocalDate onsetDate,
            LocalDate abatementDate,
            String clinicalStatus,
            String verificationStatus) {}

    void write(List<Parsed> batch, Result result, Context context) {
        Map<Parsed, Long> subjects =
                references.subjects(batch, p -> ((Condition) p.resource()).getSubject(), result, context);
        List<Row<ConditionValues>> rows = new ArrayList<>();
        subjects.forEach((parsed, patientId) -> {
            Condition condition = (Condition) parsed.resource();
            Coding snomed = FhirValues.coding(condition.getCode(), FhirValues.SNOMED);
            if (snomed == null) {
                result.reject(
                        parsed, "Condition has no SNOMED CT code (code.coding with system " + FhirValues.SNOMED + ")");
                return;
            }
            if (snomed.getCode().length() > 18) {
                result.reject(parsed, "SNOMED CT code '" + snomed.getCode() + "' is longer than 18 digits");
                return;
            }
            String description = snomed.hasDisplay()
                    ? snomed.getDisplay()
                    : condition.getCode().getText();
            LocalDate onset = condition.hasOnsetDateTimeType()
                    ? date(condition.getOnsetDateTimeType())
                    : condition.hasOnsetPeriod()
                            ? date(condition.getOnsetPeriod().getStartElement())
                            : null;
            LocalDate abatement = condition.hasAbatementDateTimeType()
                    ? date(condition.getAbatementDateTimeType())
                    : condition.hasAbatementPeriod()
                            ? date(condition.getAbatementPeriod().getEndElement())
                            : null;
            rows.add(new Row<>(
                    parsed,
                    new ConditionValues(
                            parsed.fhirId(),
                            patientId,
                            snomed.getCode(),
                            truncate(description, 255),
                            onset,
                            abatement,
                            truncate(FhirValues.anyCode(condition.getClinicalStatus()), 20),
                            truncate(FhirValues.anyCode(condition.getVerificationStatus()), 20))));
        });
        upsert.write(
                rows,
                v -> List.of("f:" + v.fhirId()),
                values -> upsert.existing(
                        "select id, fhir_id, patient_id, snomed_code, description, onset_date, abatement_date, clinical_status, "
                                + "verification_status from patient_condition where fhir_id = any(:fhirIds)",
                        Map.of(
                                "fhirIds",
                                values.stream().map(ConditionValues::fhirId).toList()),
                        (rs, n) -> new ConditionValues(
                                rs.getString("fhir_id"),
                                rs.getLong("patient_id"),
                                rs.getString("snomed_code"),
                                rs.getString("description"),
                                rs.getObject("onset_date", LocalDate.class),
                                rs.getObject("abatement_date", LocalDate.class),
                                rs.getString("clinical_status"),
                                rs.getString("verification_status")),
                        v -> List.of("f:" + v.fhirId())),
                null,
                INSERT_CONDITIONS,
                "update patient_condition set patient_id = :patientId, snomed_code = :snomedCode, description = :description, "
                        + "onset_date = :onsetDate, abatement_date = :abatementDate, clinical_status = :clinicalStatus, "
                        + "verification_status = :verificationStatus where id = :id",
                result);
    }
}
