package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.document.DocumentKind;
import org.coordinatedcare.document.PatientDocumentRepository;
import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Faults: a failing side effect, concurrent starts and completions, and history that must not grow for ever. */
class ReliabilityTest extends PathwayTestSupport {

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    NamedProfessionalAssignmentRepository namedProfessionals;

    @Autowired
    PatientDocumentRepository documentRows;

    /** The shared context's spy ({@link org.coordinatedcare.EngineTest}): real unless a test stubs it. */
    @Autowired
    PatientDocuments documents;

    @Test
    void aFailingLetterNeverUndoesTheClinicianAndBecomesAnIncidentUntilRetried() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = identify(patient);
        doThrow(new IllegalStateException("letter store unavailable"))
                .when(documents)
                .invitationLetter(anyLong(), any(), anyBoolean());

        tasks.complete(
                task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId(), vars("namedProfessional", "tgp"));
        // the clinician's completion is committed: the assignment is recorded and the task is gone
        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        assertThat(namedProfessionals.findByEpisodeIdAndEndedAtIsNull(episode.id()))
                .isPresent();
        assertThat(openTasks(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL))
                .isEmpty();

        try {
            runJobs(); // the async continuation after the user task reaches the letter, which fails
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("letter store unavailable");
        }
        Job letter = management
                .createJobQuery()
                .processInstanceId(pathway.getId())
                .activityId(CoordinatedCare.SEND_INVITATION_LETTER)
                .singleResult();
        for (int attempt = 0; letter.getRetries() > 0 && attempt < 3; attempt++) {
            try {
                management.executeJob(letter.getId());
            } catch (RuntimeException expected) {
                // retried with back-off (R3/PT5M) until the retries are used up
            }
            letter = management.createJobQuery().jobId(letter.getId()).singleResult();
        }
        assertThat(letter.getRetries()).isZero();
        assertThat(letter.getExceptionMessage()).contains("letter store unavailable");
        Incident incident =
                runtime.createIncidentQuery().processInstanceId(pathway.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(CoordinatedCare.SEND_INVITATION_LETTER);
        assertThat(namedProfessionals.findByEpisodeIdAndEndedAtIsNull(episode.id()))
                .isPresent();

        // the store is back; an operator retries from Cockpit (set retries), and the pathway goes on
        doCallRealMethod().when(documents).invitationLetter(anyLong(), any(), anyBoolean());
        management.setJobRetries(letter.getId(), 1);
        management.executeJob(letter.getId());
        runJobs();
        assertThat(runtime.createIncidentQuery()
                        .processInstanceId(pathway.getId())
                        .count())
                .isZero();
        assertThat(documentRows.findByEpisodeIdAndKindOrderByCreatedAt(episode.id(), DocumentKind.INVITATION_LETTER))
                .hasSize(1);
        assertThat(task(patient, CoordinatedCare.RECORD_INVITATION_RESPONSE)).isNotNull();
    }

    @Test
    void manySimultaneousIdentificationsOfOnePatientOpenExactlyOneEpisode() throws Exception {
        Patient patient = fixture.patientWithConditions(3);
        int attempts = 50;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Callable<Boolean> identification = () -> {
                start.await();
                try {
                    runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                            .processInstanceBusinessKey(patient.fhirId())
                            .setVariable("patientId", patient.fhirId())
                            .correlateStartMessage();
                    return true;
                } catch (RuntimeException refused) {
                    return false;
                }
            };
            results.add(pool.submit(identification));
        }
        start.countDown();
        int started = 0;
        for (Future<Boolean> result : results) {
            started += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(started).isEqualTo(1);
        assertThat(episodes.findByPatientIdOrderByOpenedAt(patient.id())).hasSize(1);
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(patient.fhirId())
                        .processDefinitionKey("coordinated-care")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void twoSimultaneousCompletionsOfOneTaskGiveOneSuccessAndOneConflict() throws Exception {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        String taskId = task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (String login : List.of("tgp", "tnurse")) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    tasks.complete(taskId, vars("namedProfessional", login));
                    return "completed";
                } catch (RuntimeException conflict) {
                    return conflict.getClass().getSimpleName() + ": " + conflict.getMessage();
                }
            }));
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            results.add(outcome.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(results).filteredOn("completed"::equals).hasSize(1);
        assertThat(results)
                .filteredOn(r -> !r.equals("completed"))
                .singleElement()
                .asString()
                .containsAnyOf("OptimisticLocking", "Cannot find task", "NullValue", "task");
        Episode episode = episodes.findByActivePatientId(patient.id()).orElseThrow();
        assertThat(namedProfessionals.findByEpisodeIdOrderByStartedAt(episode.id()))
                .hasSize(1);
    }

    @Test
    void historyCleanupRemovesPathwaysWhoseTimeToLiveHasPassed() {
        Patient patient = fixture.patientWithConditions(3);
        ProcessInstance pathway = identify(patient);
        runtime.createMessageCorrelation(Messages.PATIENT_DECLINED_CARE)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
        assertThat(history.createHistoricProcessInstanceQuery()
                        .processInstanceId(pathway.getId())
                        .count())
                .isEqualTo(1);

        try {
            // 181 days later the 180-day time to live has passed
            ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 181L * 24 * 60 * 60 * 1000));
            Job cleanup = history.cleanUpHistoryAsync(true);
            management.executeJob(cleanup.getId());
        } finally {
            ClockUtil.reset();
        }
        assertThat(history.createHistoricProcessInstanceQuery()
                        .processInstanceId(pathway.getId())
                        .count())
                .isZero();
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(pathway.getId())
                        .count())
                .isZero();
    }
}
