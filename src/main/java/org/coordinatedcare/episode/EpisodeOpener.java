package org.coordinatedcare.episode;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.PracticeAccess;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens the patient's episode as the pathway starts. It runs in the transaction that starts the instance, so a
 * second start for a patient who already has an active episode fails as a whole: never two pathways for one person.
 */
@Component("episodeOpener")
public class EpisodeOpener implements JavaDelegate {

    private final PatientRepository patients;
    private final PracticeRepository practices;
    private final EpisodeRepository episodes;
    private final LongTermConditionCount ltcCount;
    private final PracticeAccess access;

    public EpisodeOpener(
            PatientRepository patients,
            PracticeRepository practices,
            EpisodeRepository episodes,
            LongTermConditionCount ltcCount,
            PracticeAccess access) {
        this.patients = patients;
        this.practices = practices;
        this.episodes = episodes;
        this.ltcCount = ltcCount;
        this.access = access;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        long patientId = patientId(execution);
        // A logged-in user (Tasklist start form, engine REST) may start pathways for their own practice only, and
        // learns nothing else about another practice's patient: unknown, deceased or on the pathway all look alike.
        Patient patient;
        try {
            patient = access.actableOrDenied(patients.findById(patientId), this::practiceOf)
                    .orElseThrow(() -> new FormInputException(
                            PathwayVariables.PATIENT_ID, "No patient with id " + patientId + " in the register."));
        } catch (AccessDeniedException denied) {
            // the engine's own refusal, which both REST mounts (Tasklist's too) answer with 403
            throw new AuthorizationException(denied.getMessage());
        }
        if (patient.deceased()) {
            throw new FormInputException(
                    PathwayVariables.PATIENT_ID, "Patient " + patientId + " is recorded as deceased.");
        }
        if (episodes.findByActivePatientId(patientId).isPresent()) {
            throw new ActiveEpisodeExistsException(patientId);
        }
        Practice practice = practiceOf(patient);
        // counted here from the register, never taken from the start's variables, which any caller can set
        int count = ltcCount.of(patientId);

        Episode episode;
        try {
            episode = episodes.save(Episode.open(patientId, practice.id(), count, execution.getProcessInstanceId()));
        } catch (DbActionExecutionException e) {
            if (e.getCause() instanceof DuplicateKeyException) {
                throw new ActiveEpisodeExistsException(patientId); // another start won the race
            }
            throw e;
        }
        execution.setVariable(PathwayVariables.PATIENT_ID, String.valueOf(patientId));
        execution.setVariable(PathwayVariables.EPISODE_ID, episode.id());
        execution.setVariable(PathwayVariables.PRACTICE_CODE, practice.odsCode());
        execution.setVariable(PathwayVariables.PATIENT_LABEL, label(patient));
        execution.setVariable("ltcCount", count);
        execution.setVariable(PathwayVariables.HAS_COORDINATOR, false);
        execution.setVariable("needTrend", "unknown");
        execution.setVariable("remindersSent", 0);
    }

    private Practice practiceOf(Patient patient) {
        return practices.findById(patient.practiceId()).orElseThrow();
    }

    /** How Tasklist names the person on task cards and forms: clinicians must know whose task it is. */
    public static String label(Patient patient) {
        String born = patient.birthDate().format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK));
        String nhs = patient.nhsNumber() == null
                ? ""
                : ", NHS " + patient.nhsNumber().substring(0, 3) + " "
                        + patient.nhsNumber().substring(3, 6) + " "
                        + patient.nhsNumber().substring(6);
        return patient.displayName() + ", born " + born + nhs;
    }

    /** The patient comes as the business key (message start) or as the start form's patientId (manual referral). */
    private static long patientId(DelegateExecution execution) {
        Object fromForm = execution.getVariable(PathwayVariables.PATIENT_ID);
        String businessKey = execution.getProcessBusinessKey();
        String id = fromForm != null ? fromForm.toString().strip() : businessKey;
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new FormInputException(
                    PathwayVariables.PATIENT_ID,
                    "A pathway needs the patient id (a number) as business key or patientId, got '" + id + "'.");
        }
        if (businessKey == null || businessKey.isBlank()) {
            execution.setProcessBusinessKey(id);
        } else if (!businessKey.equals(id)) {
            throw new FormInputException(
                    PathwayVariables.PATIENT_ID, "Business key " + businessKey + " and patientId " + id + " disagree.");
        }
        return Long.parseLong(id);
    }
}
