package org.coordinatedcare.fhir;

import static org.coordinatedcare.fhir.BatchUpsert.insertAll;
import static org.coordinatedcare.fhir.FhirValues.date;

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
import org.coordinatedcare.patient.EncounterType;
import org.hl7.fhir.r4.model.Encounter;

/**
 * Encounter → encounter: the hospital events an Encounter is (see {@link #events}), one or two rows each; the patients
 * with a new event are noted on the batch's result, to tell their pathways once it has committed.
 */
final class EncounterRows {

    private static final Set<String> INPATIENT_CLASSES = Set.of("IMP", "ACUTE", "NONAC");
    private static final String EMERGENCY_ADMISSION = "183452005";
    private static final String EMERGENCY_DEPARTMENT_VISIT = "4525004";
    private static final String PATIENT_DISCHARGE = "58000006";
    static final String DISCHARGE_SUFFIX = "#discharge";
    // one statement per batch: see BatchUpsert.insertAll
    private static final String INSERT_ENCOUNTERS =
            insertAll("encounter", "fhir_id varchar", "patient_id bigint", "type varchar", "occurred_on date");

    private final BatchUpsert upsert;
    private final References references;

    EncounterRows(BatchUpsert upsert, References references) {
        this.upsert = upsert;
        this.references = references;
    }

    record EncounterValues(String fhirId, Long patientId, String type, LocalDate occurredOn) {}

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
        boolean typeAe = encounter.getType().stream()
                .anyMatch(t -> FhirValues.hasCode(t, FhirValues.SNOMED, EMERGENCY_DEPARTMENT_VISIT));
        boolean typeAdmission = encounter.getType().stream()
                .anyMatch(t -> FhirValues.hasCode(t, FhirValues.SNOMED, EMERGENCY_ADMISSION));
        boolean typeDischarge =
                encounter.getType().stream().anyMatch(t -> FhirValues.hasCode(t, FhirValues.SNOMED, PATIENT_DISCHARGE));
        boolean emergencyPriority = encounter.hasPriority()
                && encounter.getPriority().getCoding().stream().anyMatch(c -> "EM".equals(c.getCode()));
        boolean fromEd = encounter.hasHospitalization()
                && encounter.getHospitalization().hasAdmitSource()
                && encounter.getHospitalization().getAdmitSource().getCoding().stream()
                        .anyMatch(c -> "emd".equals(c.getCode()));
        LocalDate start = date(encounter.getPeriod().getStartElement());
        LocalDate end = date(encounter.getPeriod().getEndElement());

        List<EncounterValues> events = new ArrayList<>();
        if (typeAdmission || (inpatient && (emergencyPriority || fromEd))) {
            events.add(new EncounterValues(
                    fhirId, patientId, EncounterType.UNPLANNED_ADMISSION.name(), required(start, "period.start")));
        } else if (typeAe || "EMER".equals(encounterClass)) {
            events.add(new EncounterValues(
                    fhirId,
                    patientId,
                    EncounterType.AE_ATTENDANCE.name(),
                    required(start != null ? start : end, "period.start")));
        }
        if (typeDischarge || (inpatient && "finished".equals(status) && end != null)) {
            events.add(new EncounterValues(
                    fhirId + DISCHARGE_SUFFIX,
                    patientId,
                    EncounterType.HOSPITAL_DISCHARGE.name(),
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

    void write(List<Parsed> batch, Result result, Context context) {
        Map<Parsed, Long> subjects =
                references.subjects(batch, p -> ((Encounter) p.resource()).getSubject(), result, context);
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
        List<EncounterValues> created = upsert.write(
                rows,
                v -> List.of("f:" + v.fhirId()),
                values -> upsert.existing(
                        "select id, fhir_id, patient_id, type, occurred_on from encounter where fhir_id = any(:fhirIds)",
                        Map.of(
                                "fhirIds",
                                values.stream().map(EncounterValues::fhirId).toList()),
                        (rs, n) -> new EncounterValues(
                                rs.getString("fhir_id"),
                                rs.getLong("patient_id"),
                                rs.getString("type"),
                                rs.getObject("occurred_on", LocalDate.class)),
                        v -> List.of("f:" + v.fhirId())),
                null,
                INSERT_ENCOUNTERS,
                "update encounter set patient_id = :patientId, type = :type, occurred_on = :occurredOn where id = :id",
                result);
        created.forEach(e -> result.hospitalEventPatients.add(e.patientId()));
    }
}
