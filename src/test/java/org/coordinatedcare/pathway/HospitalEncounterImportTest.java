package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.fhir.FhirImporter;
import org.coordinatedcare.fhir.ImportReport;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hospital encounters imported over FHIR reach the pathway of a patient who is on it. */
class HospitalEncounterImportTest extends PathwayTestSupport {

    @Autowired
    FhirImporter importer;

    @Autowired
    JdbcClient jdbc;

    private ImportReport importNdjson(String... lines) {
        return importer.importNdjson(
                new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static String emergencyAdmission(String id, String patientFhirId) {
        return """
                {"resourceType":"Encounter","id":"%s","status":"in-progress",\
                "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},\
                "type":[{"coding":[{"system":"http://snomed.info/sct","code":"183452005"}]}],\
                "subject":{"reference":"Patient/%s"},"period":{"start":"%s"}}""".formatted(id, patientFhirId, LocalDate.now());
    }

    /** Every patient has a FHIR id (ADR 0019); the feed's encounters name the patient by it. */
    private static String withFhirId(Patient patient) {
        return patient.fhirId();
    }

    @Test
    void anEmergencyAdmissionBringsTheMdtReviewOfAPatientOnThePathwayForward() {
        Patient patient = fixture.patientWithConditions(3);
        String fhirId = withFhirId(patient);
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of());
        assertThat(openTasks(patient, MdtReview.HOLD_MDT_REVIEW)).isEmpty();

        ImportReport report = importNdjson(emergencyAdmission("adm-" + fhirId, fhirId));
        runJobs();

        assertThat(report.getHospitalEventsReported()).isEqualTo(1);
        assertThat(task(patient, MdtReview.HOLD_MDT_REVIEW)).isNotNull();
        assertThat(pathway).hasPassed(CoordinatedCare.EVENT_HOSPITAL_EVENT_REPORTED);
    }

    @Test
    void aReimportedEncounterIsNotReportedAgain() {
        Patient patient = fixture.patientWithConditions(3);
        String fhirId = withFhirId(patient);
        importNdjson(emergencyAdmission("old-" + fhirId, fhirId));
        pathwayAwaitingMdtReview(patient, List.of());

        ImportReport again = importNdjson(emergencyAdmission("old-" + fhirId, fhirId));
        runJobs();

        assertThat(again.counts("Encounter").unchanged).isEqualTo(1);
        assertThat(again.getHospitalEventsReported()).isZero();
        assertThat(openTasks(patient, MdtReview.HOLD_MDT_REVIEW)).isEmpty();
    }

    @Test
    void anEncounterOfAPatientWithoutAPathwayIsStoredAndReportedToNoOne() {
        Patient patient = fixture.patientWithConditions(1);
        String fhirId = withFhirId(patient);

        ImportReport report = importNdjson(emergencyAdmission("none-" + fhirId, fhirId));

        assertThat(report.counts("Encounter").created).isEqualTo(1);
        assertThat(report.getHospitalEventsReported()).isZero();
    }
}
