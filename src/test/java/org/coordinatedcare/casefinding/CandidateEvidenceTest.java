package org.coordinatedcare.casefinding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class CandidateEvidenceTest {

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

        String stored = CandidateEvidence.toJson(evidence);

        assertThat(stored.length()).isLessThanOrEqualTo(CandidateEvidence.STORED_LIMIT);
        CandidateEvidence.Evidence read = CandidateEvidence.fromJson(stored);
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

        assertThat(CandidateEvidence.fromJson(CandidateEvidence.toJson(evidence)))
                .isEqualTo(evidence);
    }
}
