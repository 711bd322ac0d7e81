package org.coordinatedcare.fhir;

import static org.coordinatedcare.fhir.BatchUpsert.insertAll;
import static org.coordinatedcare.fhir.FhirValues.date;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coordinatedcare.fhir.BatchUpsert.Row;
import org.coordinatedcare.fhir.RegisterWriter.Context;
import org.coordinatedcare.fhir.RegisterWriter.Parsed;
import org.coordinatedcare.fhir.RegisterWriter.Rejected;
import org.coordinatedcare.fhir.RegisterWriter.Result;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/**
 * Observation → frailty_observation: the electronic Frailty Index score and/or category; any other Observation is
 * skipped.
 */
final class FrailtyRows {

    static final String EFI_SCORE = "713636003";
    static final Map<String, String> EFI_CATEGORIES =
            Map.of("925791000000100", "mild", "925831000000107", "moderate", "925861000000102", "severe");
    // one statement per batch: see BatchUpsert.insertAll
    private static final String INSERT_FRAILTY = insertAll(
            "frailty_observation",
            "fhir_id varchar",
            "patient_id bigint",
            "efi_score numeric(5,3)",
            "category varchar",
            "effective_date date");

    private final BatchUpsert upsert;
    private final References references;

    FrailtyRows(BatchUpsert upsert, References references) {
        this.upsert = upsert;
        this.references = references;
    }

    record FrailtyValues(
            String fhirId, Long patientId, BigDecimal efiScore, String category, LocalDate effectiveDate) {}

    /** eFI score and/or category of a frailty Observation; null when the Observation is not about frailty. */
    static FrailtyValues frailty(Observation observation, String fhirId, Long patientId) throws Rejected {
        CodeableConcept code = observation.getCode();
        String categoryFromCode = code.getCoding().stream()
                .filter(c -> FhirValues.SNOMED.equals(c.getSystem()) && EFI_CATEGORIES.containsKey(c.getCode()))
                .map(c -> EFI_CATEGORIES.get(c.getCode()))
                .findFirst()
                .orElse(null);
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
            category = value.getCoding().stream()
                    .filter(c -> FhirValues.SNOMED.equals(c.getSystem()) && EFI_CATEGORIES.containsKey(c.getCode()))
                    .map(c -> EFI_CATEGORIES.get(c.getCode()))
                    .findFirst()
                    .orElse(null);
            String text = value.hasText() ? value.getText().trim().toLowerCase() : null;
            if (category == null
                    && text != null
                    && Set.of("fit", "mild", "moderate", "severe").contains(text)) {
                category = text;
            }
        }
        if (category == null && score != null) {
            category = efiCategory(score);
        }
        if (score == null && category == null) {
            throw new Rejected("Frailty Observation has neither an eFI score (valueQuantity) nor a category");
        }
        LocalDate effective = observation.hasEffectiveDateTimeType()
                ? date(observation.getEffectiveDateTimeType())
                : observation.hasEffectivePeriod()
                        ? date(observation.getEffectivePeriod().getStartElement())
                        : observation.hasIssued()
                                ? observation
                                        .getIssuedElement()
                                        .getValue()
                                        .toInstant()
                                        .atZone(java.time.ZoneOffset.UTC)
                                        .toLocalDate()
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

    void write(List<Parsed> batch, Result result, Context context) {
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
        Map<Parsed, Long> subjects =
                references.subjects(frailty, p -> ((Observation) p.resource()).getSubject(), result, context);
        List<Row<FrailtyValues>> rows = new ArrayList<>();
        subjects.forEach((parsed, patientId) -> {
            try {
                rows.add(new Row<>(parsed, frailty((Observation) parsed.resource(), parsed.fhirId(), patientId)));
            } catch (Rejected e) {
                result.reject(parsed, e.getMessage());
            }
        });
        upsert.write(
                rows,
                v -> List.of("f:" + v.fhirId()),
                values -> upsert.existing(
                        "select id, fhir_id, patient_id, efi_score, category, effective_date from frailty_observation "
                                + "where fhir_id = any(:fhirIds)",
                        Map.of(
                                "fhirIds",
                                values.stream().map(FrailtyValues::fhirId).toList()),
                        (rs, n) -> new FrailtyValues(
                                rs.getString("fhir_id"),
                                rs.getLong("patient_id"),
                                rs.getBigDecimal("efi_score") == null
                                        ? null
                                        : rs.getBigDecimal("efi_score").setScale(3, RoundingMode.HALF_UP),
                                rs.getString("category"),
                                rs.getObject("effective_date", LocalDate.class)),
                        v -> List.of("f:" + v.fhirId())),
                null,
                INSERT_FRAILTY,
                "update frailty_observation set patient_id = :patientId, efi_score = :efiScore, category = :category, "
                        + "effective_date = :effectiveDate where id = :id",
                result);
    }
}
