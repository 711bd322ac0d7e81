package org.coordinatedcare.casefinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class CandidateEvidenceTest {

    /** The code list a run kept (case_finding_run_code). */
    private static final Map<String, CandidateEvidence.RunCode> CODES = Map.of(
            "38341003", new CandidateEvidence.RunCode("Hypertension", "Hypertensive disorder"),
            "13645005", new CandidateEvidence.RunCode("COPD", "Chronic obstructive lung disease"));

    @Test
    void aVeryLongRecordIsStoredAbridgedWithinTheColumnInsteadOfFailingTheRun() {
        List<CandidateEvidence.CodedCondition> conditions = IntStream.range(0, 2_000)
                .mapToObj(i -> new CandidateEvidence.CodedCondition(
                        "Hypertension", "38341003", "Hypertensive disorder, systemic arterial " + i, "2016-01-01"))
                .toList();
        List<CandidateEvidence.HospitalEvent> admissions = IntStream.range(0, 300)
                .mapToObj(i -> new CandidateEvidence.HospitalEvent("UNPLANNED_ADMISSION", "2026-01-01"))
                .toList();
        CandidateEvidence.Evidence evidence = new CandidateEvidence.Evidence(conditions, List.of(), admissions);

        String stored = CandidateEvidence.toJson(evidence, CODES);

        assertThat(stored.length()).isLessThanOrEqualTo(CandidateEvidence.STORED_LIMIT);
        CandidateEvidence.Evidence read = CandidateEvidence.fromJson(stored, CODES);
        assertThat(read.conditions()).isNotEmpty().hasSizeLessThan(conditions.size());
        assertThat(read.conditions().get(0)).isEqualTo(conditions.get(0));
    }

    @Test
    void anOrdinaryRecordIsStoredWhole() {
        CandidateEvidence.Evidence evidence = new CandidateEvidence.Evidence(
                List.of(new CandidateEvidence.CodedCondition(
                        "COPD", "13645005", "Chronic obstructive lung disease", null)),
                List.of(),
                List.of(new CandidateEvidence.HospitalEvent("HOSPITAL_DISCHARGE", "2026-11-20")));

        assertThat(CandidateEvidence.fromJson(CandidateEvidence.toJson(evidence, CODES), CODES))
                .isEqualTo(evidence);
    }

    @Test
    void aListedConditionIsStoredAsItsCodeAndOnsetAndShownWithTheTermsTheRunKept() {
        CandidateEvidence.Evidence evidence = new CandidateEvidence.Evidence(
                List.of(
                        new CandidateEvidence.CodedCondition(
                                "COPD", "13645005", "Chronic obstructive lung disease", "2015-01-01"),
                        // recorded with its own term, and a code the run's list does not have
                        new CandidateEvidence.CodedCondition(
                                "Hypertension", "38341003", "Essential hypertension", "2016-03-04"),
                        new CandidateEvidence.CodedCondition("Asthma", "195967001", "Asthma", null)),
                List.of(
                        new CandidateEvidence.FrailtyRecord(
                                "observation", "moderate", new BigDecimal("0.27"), null, "2026-10-01"),
                        new CandidateEvidence.FrailtyRecord("coded", "mild", null, "925791000000100", "no date")),
                List.of(
                        new CandidateEvidence.HospitalEvent("UNPLANNED_ADMISSION", "2026-11-02"),
                        new CandidateEvidence.HospitalEvent("HOSPITAL_DISCHARGE", "2026-11-09")));

        String stored = CandidateEvidence.toJson(evidence, CODES);

        assertThat(stored)
                .startsWith("{\"v\":2,")
                .contains("[\"13645005\",\"2015-01-01\"]")
                .doesNotContain("Chronic obstructive lung disease")
                .doesNotContain("COPD")
                .contains("Essential hypertension")
                .contains("[\"195967001\",null,\"Asthma\",\"Asthma\"]");
        assertThat(CandidateEvidence.fromJson(stored, CODES)).isEqualTo(evidence);
        assertThat(CandidateEvidence.fromJson(stored, CODES).summary()).isEqualTo(evidence.summary());
    }

    @Test
    void evidenceStoredBeforeTheRunKeptItsCodeListReadsAsItDid() {
        String stored = """
                {"conditions":[{"category":"COPD","code":"13645005","term":"Chronic obstructive lung disease",\
                "onsetDate":"2015-01-01"}],"frailty":[{"source":"coded","category":"mild","efiScore":null,\
                "code":"925791000000100","date":"2024-05-06"}],"hospitalEvents":[{"type":"HOSPITAL_DISCHARGE",\
                "date":"2026-11-20"}]}""";

        assertThat(CandidateEvidence.fromJson(stored, Map.of()))
                .isEqualTo(new CandidateEvidence.Evidence(
                        List.of(new CandidateEvidence.CodedCondition(
                                "COPD", "13645005", "Chronic obstructive lung disease", "2015-01-01")),
                        List.of(new CandidateEvidence.FrailtyRecord(
                                "coded", "mild", null, "925791000000100", "2024-05-06")),
                        List.of(new CandidateEvidence.HospitalEvent("HOSPITAL_DISCHARGE", "2026-11-20"))));
    }

    @Test
    void aCodeMissingFromTheRunsListIsAnErrorNotABlankTerm() {
        String stored = "{\"v\":2,\"c\":[[\"13645005\",\"2015-01-01\"]]}";

        assertThatThrownBy(() -> CandidateEvidence.fromJson(stored, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("13645005");
    }
}
