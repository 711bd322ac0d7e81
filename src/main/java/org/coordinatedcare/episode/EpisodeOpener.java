package org.coordinatedcare.episode;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientReference;
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

    private final PatientReference patients;
    private final PracticeRepository practices;
    private final EpisodeRepository episodes;
    private final LongTermConditionCount ltcCount;
    private final PracticeAccess access;

    public EpisodeOpener(
            PatientReference patients,
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
        Patient patient = patient(execution);
        long patientId = patient.id();
        if (patient.deceased()) {
            throw new FormInputException(
                    PathwayVariables.PATIENT_ID, "Patient " + patient.fhirId() + " is recorded as deceased.");
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
        // the pathway knows the patient by their FHIR id, whichever form the start named them by (ADR 0019)
        execution.setProcessBusinessKey(patient.fhirId());
        execution.setVariable(PathwayVariables.PATIENT_ID, patient.fhirId());
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

    /**
     * The patient comes as the business key (message start) or as the start form's patientId (manual referral), each
     * as the FHIR Patient id or the NHS-number token (ADR 0019); when both come they must name the same patient.
     */
    private Patient patient(DelegateExecution execution) {
        Object fromForm = execution.getVariable(PathwayVariables.PATIENT_ID);
        String businessKey = execution.getProcessBusinessKey();
        String reference = fromForm != null ? fromForm.toString().strip() : businessKey;
        boolean both = fromForm != null && businessKey != null && !businessKey.isBlank();
        if (!PatientReference.isWellFormed(reference) || (both && !PatientReference.isWellFormed(businessKey))) {
            throw new FormInputException(
                    PathwayVariables.PATIENT_ID,
                    "A pathway needs the patient's FHIR Patient id, or their NHS number as "
                            + PatientReference.NHS_NUMBER_SYSTEM + "|<number>, as business key or patientId, got '"
                            + (both && PatientReference.isWellFormed(reference) ? businessKey : reference) + "'.");
        }
        // A logged-in user (Tasklist start form, engine REST) may start pathways for their own practice only, and
        // learns nothing else about another practice's patient: unknown, deceased or on the pathway all look alike.
        Patient patient = known(reference);
        if (both && !businessKey.equals(reference) && !known(businessKey).id().equals(patient.id())) {
            throw new FormInputException(
                    PathwayVariables.PATIENT_ID,
                    "Business key " + businessKey + " and patientId " + reference + " disagree.");
        }
        return patient;
    }

    private Patient known(String reference) {
        try {
            return access.actableOrDenied(patients.find(reference), this::practiceOf)
                    .orElseThrow(() -> new FormInputException(
                            PathwayVariables.PATIENT_ID, "No patient " + reference + " in the register."));
        } catch (AccessDeniedException denied) {
            // the engine's own refusal, which both REST mounts (Tasklist's too) answer with 403
            throw new AuthorizationException(denied.getMessage());
        }
    }
}
