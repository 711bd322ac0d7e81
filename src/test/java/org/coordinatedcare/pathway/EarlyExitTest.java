package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.episode.ClosureReason;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.episode.EpisodeStatus;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.referral.Referral;
import org.coordinatedcare.referral.ReferralRepository;
import org.coordinatedcare.referral.ReferralStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class EarlyExitTest extends PathwayTestSupport {

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    ReferralRepository referrals;

    @Autowired
    PatientRepository patients;

    @ParameterizedTest
    @CsvSource({
        "PatientDied, DECEASED, Task_CloseEpisodeDeceased",
        "PatientLeftPractice, LEFT_PRACTICE, Task_CloseEpisodeLeftPractice",
        "PatientDeclinedCare, DECLINED, Task_CloseEpisodePatientDeclined"
    })
    void endsThePathwayAtAnyPointWithItsReason(String message, ClosureReason reason, String closingTask) {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = pathwayAwaitingMdtReview(patient, List.of("SOCIAL_PRESCRIBING"));
        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();

        runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();

        assertThat(pathway).isEnded().hasPassed(closingTask);
        Episode closed = episodes.findById(episode.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(EpisodeStatus.CLOSED);
        assertThat(closed.closureReason()).isEqualTo(reason);
        assertThat(referrals.findByEpisodeIdOrderById(episode.id()))
                .extracting(Referral::status)
                .containsOnly(ReferralStatus.WITHDRAWN);
        assertThat(tasks.createTaskQuery()
                        .processInstanceBusinessKey(patient.fhirId())
                        .count())
                .isZero();
        assertThat(patients.findById(patient.id()).orElseThrow().deceased())
                .isEqualTo(reason == ClosureReason.DECEASED);
    }
}
