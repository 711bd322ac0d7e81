package org.coordinatedcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/** Which hospital events a FHIR Encounter is, and what a frailty Observation says; no database needed. */
class HospitalEventRuleTest {

    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final String SNOMED = "http://snomed.info/sct";

    private static Encounter encounter(String classCode, Encounter.EncounterStatus status, String start, String end) {
        Encounter encounter = new Encounter().setStatus(status).setClass_(new Coding(ACT_CODE, classCode, null));
        Period period = new Period().setStartElement(new DateTimeType(start));
        if (end != null) {
            period.setEndElement(new DateTimeType(end));
        }
        return encounter.setPeriod(period);
    }

    private static List<String> events(Encounter encounter) throws Exception {
        return EncounterRows.events(encounter, "e1", 1L).stream()
                .map(e -> e.type() + " " + e.occurredOn() + " " + e.fhirId())
                .toList();
    }

    @Test
    void anEmergencyDepartmentVisitIsAnAeAttendance() throws Exception {
        assertThat(events(encounter(
                        "EMER", Encounter.EncounterStatus.FINISHED, "2026-03-01T22:10:00Z", "2026-03-02T02:00:00Z")))
                .containsExactly("AE_ATTENDANCE 2026-03-01 e1");
    }

    @Test
    void aFinishedEmergencyInpatientStayIsAnUnplannedAdmissionAndADischarge() throws Exception {
        Encounter stay = encounter("IMP", Encounter.EncounterStatus.FINISHED, "2026-03-01", "2026-03-09");
        stay.setPriority(
                new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActPriority", "EM", null)));

        assertThat(events(stay))
                .containsExactly("UNPLANNED_ADMISSION 2026-03-01 e1", "HOSPITAL_DISCHARGE 2026-03-09 e1#discharge");
    }

    @Test
    void anEmergencyAdmissionByItsSnomedTypeStillInHospitalIsOnlyTheAdmission() throws Exception {
        Encounter stay = encounter("IMP", Encounter.EncounterStatus.INPROGRESS, "2026-03-01", null);
        stay.addType(new CodeableConcept(new Coding(SNOMED, "183452005", null)));

        assertThat(events(stay)).containsExactly("UNPLANNED_ADMISSION 2026-03-01 e1");
    }

    @Test
    void aPlannedStayIsADischargeOnlyOnceFinished() throws Exception {
        assertThat(events(encounter("IMP", Encounter.EncounterStatus.FINISHED, "2026-03-01", "2026-03-03")))
                .containsExactly("HOSPITAL_DISCHARGE 2026-03-03 e1#discharge");
        assertThat(events(encounter("IMP", Encounter.EncounterStatus.INPROGRESS, "2026-03-01", null)))
                .isEmpty();
    }

    @Test
    void outpatientPlannedAndEnteredInErrorEncountersAreNotEvents() throws Exception {
        assertThat(events(encounter("AMB", Encounter.EncounterStatus.FINISHED, "2026-03-01", "2026-03-01")))
                .isEmpty();
        assertThat(events(encounter("EMER", Encounter.EncounterStatus.ENTEREDINERROR, "2026-03-01", null)))
                .isEmpty();
        assertThat(events(encounter("EMER", Encounter.EncounterStatus.CANCELLED, "2026-03-01", null)))
                .isEmpty();
    }

    @Test
    void anEmergencyEncounterWithoutADateIsRejected() {
        Encounter undated = new Encounter()
                .setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding(ACT_CODE, "EMER", null));

        assertThatThrownBy(() -> EncounterRows.events(undated, "e1", 1L)).hasMessage("Encounter has no period.start");
    }

    @Test
    void frailtyComesFromTheEfiScoreTheCategoryCodeOrTheCategoryText() throws Exception {
        Observation score = new Observation()
                .setCode(new CodeableConcept(new Coding(SNOMED, "713636003", null)))
                .setValue(new Quantity(0.27))
                .setEffective(new DateTimeType("2026-05-01"));
        Observation severe = new Observation()
                .setCode(new CodeableConcept(new Coding(SNOMED, "925861000000102", null)))
                .setEffective(new DateTimeType("2026-05-01"));
        Observation text = new Observation()
                .setCode(new CodeableConcept(new Coding(SNOMED, "713636003", null)))
                .setValue(new CodeableConcept().setText("Mild"))
                .setEffective(new DateTimeType("2026-05"));
        Observation bloodPressure =
                new Observation().setCode(new CodeableConcept(new Coding(SNOMED, "75367002", null)));

        assertThat(FrailtyRows.frailty(score, "o1", 1L))
                .isEqualTo(new FrailtyRows.FrailtyValues(
                        "o1", 1L, new BigDecimal("0.270"), "moderate", LocalDate.of(2026, 5, 1)));
        assertThat(FrailtyRows.frailty(severe, "o2", 1L).category()).isEqualTo("severe");
        assertThat(FrailtyRows.frailty(text, "o3", 1L).category()).isEqualTo("mild");
        assertThat(FrailtyRows.frailty(text, "o3", 1L).effectiveDate()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(FrailtyRows.frailty(bloodPressure, "o4", 1L)).isNull();
    }
}
