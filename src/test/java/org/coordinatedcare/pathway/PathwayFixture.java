package org.coordinatedcare.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.coordinatedcare.patient.Condition;
import org.coordinatedcare.patient.ConditionRepository;
import org.coordinatedcare.patient.Encounter;
import org.coordinatedcare.patient.EncounterRepository;
import org.coordinatedcare.patient.EncounterType;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.boot.test.context.TestComponent;

/** A practice with a full team and patients with three long-term conditions, created in the test's database. */
@TestComponent
public class PathwayFixture {

    public static final String PRACTICE = "T00001";
    public static final String OTHER_PRACTICE = "T00002";
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final PracticeRepository practices;
    private final ProfessionalRepository professionals;
    private final PatientRepository patients;
    private final ConditionRepository conditions;
    private final EncounterRepository encounters;

    public PathwayFixture(
            PracticeRepository practices,
            ProfessionalRepository professionals,
            PatientRepository patients,
            ConditionRepository conditions,
            EncounterRepository encounters) {
        this.practices = practices;
        this.professionals = professionals;
        this.patients = patients;
        this.conditions = conditions;
        this.encounters = encounters;
    }

    public Practice practice() {
        Practice practice = ensurePractice(PRACTICE, "Test Surgery", "Borough");
        member(practice, ProfessionalRole.GP, "tlead", true);
        member(practice, ProfessionalRole.GP, "tgp", false);
        member(practice, ProfessionalRole.PRACTICE_NURSE, "tnurse", false);
        member(practice, ProfessionalRole.CARE_COORDINATOR, "tcoord1", false);
        member(practice, ProfessionalRole.CARE_COORDINATOR, "tcoord2", false);
        member(practice, ProfessionalRole.SOCIAL_PRESCRIBING_LINK_WORKER, "tsplw", false);
        member(practice, ProfessionalRole.HEALTH_AND_WELLBEING_COACH, "tcoach", false);
        Practice other = ensurePractice(OTHER_PRACTICE, "Other Surgery", "Walworth");
        member(other, ProfessionalRole.GP, "ogp", true);
        return practice;
    }

    public Patient patientWithConditions(int count) {
        return patientWithConditions(practice(), count);
    }

    /** A patient of this practice (its own neighbourhood, for example) with this many long-term conditions. */
    public Patient patientWithConditions(Practice practice, int count) {
        int n = NEXT.incrementAndGet();
        Patient patient =
                patients.save(Patient.register(null, "Test" + n, "Patient", LocalDate.of(1950, 1, 1), practice.id()));
        List<String[]> codes = List.of(
                new String[] {"38341003", "Hypertensive disorder"},
                new String[] {"44054006", "Type 2 diabetes mellitus"},
                new String[] {"13645005", "COPD"},
                new String[] {"84114007", "Heart failure"},
                new String[] {"35489007", "Depressive disorder"});
        for (int i = 0; i < count; i++) {
            conditions.save(
                    Condition.diagnosed(patient.id(), codes.get(i)[0], codes.get(i)[1], LocalDate.of(2015, 1, 1)));
        }
        return patient;
    }

    public void encounter(Patient patient, EncounterType type, LocalDate on) {
        encounters.save(Encounter.of(patient.id(), type, on));
    }

    public Professional professional(String login) {
        return professionals.findByLoginId(login).orElseThrow();
    }

    /** A practice of its own, in the given neighbourhood, with a GP who is its clinical lead (login {@code lead}). */
    public Practice practiceIn(String code, String neighbourhood, String lead) {
        Practice practice = ensurePractice(code, "Surgery " + code, neighbourhood);
        member(practice, ProfessionalRole.GP, lead, true);
        return practice;
    }

    private Practice ensurePractice(String code, String name, String neighbourhood) {
        return practices.findByOdsCode(code).orElseGet(() -> practices.save(Practice.of(code, name, neighbourhood)));
    }

    private void member(Practice practice, ProfessionalRole role, String login, boolean lead) {
        if (professionals.findByLoginId(login).isEmpty()) {
            professionals.save(Professional.of(practice.id(), role, login.substring(1), "Tester", login, lead));
        }
    }
}
