package org.coordinatedcare.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.camunda.bpm.engine.RuntimeService;
import org.coordinatedcare.patient.Condition;
import org.coordinatedcare.patient.ConditionRepository;
import org.coordinatedcare.patient.Encounter;
import org.coordinatedcare.patient.EncounterRepository;
import org.coordinatedcare.patient.EncounterType;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.security.Roles;
import org.coordinatedcare.security.TeamAccounts;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.coordinatedcare.team.ProfessionalRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo profile's world: two practices in different neighbourhoods, a team with one login per role (password
 * {@code demo}), a synthetic population with NHS numbers from the 999 test range, and three patients already identified
 * so Tasklist has work on the first login. Created once; a second start adds nothing.
 */
@Component
@Profile("demo")
@Order(3)
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";

    private static final String[][] CONDITIONS = {
            {"38341003", "Hypertensive disorder"}, {"44054006", "Type 2 diabetes mellitus"}, {"195967001", "Asthma"},
            {"13645005", "Chronic obstructive pulmonary disease"}, {"433144002", "Chronic kidney disease stage 3"},
            {"53741008", "Coronary arteriosclerosis"}, {"49436004", "Atrial fibrillation"}, {"84114007", "Heart failure"},
            {"35489007", "Depressive disorder"}, {"69896004", "Rheumatoid arthritis"}, {"396275006", "Osteoarthritis"},
            {"52448006", "Dementia"}, {"230690007", "Cerebrovascular accident"}, {"414916001", "Obesity"}};
    private static final String[] GIVEN = {"Ada", "Bernard", "Chioma", "Dennis", "Elif", "Frank", "Gloria", "Hamza",
            "Irene", "Joseph", "Kemi", "Leonard", "Maureen", "Nikos", "Olive", "Patrick", "Queenie", "Rashid", "Sylvia",
            "Tomasz", "Una", "Victor", "Winifred", "Yusuf"};
    private static final String[] FAMILY = {"Adebayo", "Brennan", "Costa", "Dlamini", "Evans", "Fitzgerald", "Gordon",
            "Hussain", "Ibrahim", "Jackson", "Kowalski", "Lewis", "Mensah", "Novak", "O'Neill", "Price", "Quinn",
            "Robinson", "Silva", "Thompson"};

    private final PracticeRepository practices;
    private final ProfessionalRepository professionals;
    private final PatientRepository patients;
    private final ConditionRepository conditions;
    private final EncounterRepository encounters;
    private final TeamAccounts accounts;
    private final RuntimeService runtime;
    private final int patientsPerPractice;
    private final int port;

    public DemoData(PracticeRepository practices, ProfessionalRepository professionals, PatientRepository patients,
            ConditionRepository conditions, EncounterRepository encounters, TeamAccounts accounts, RuntimeService runtime,
            @Value("${demo.patients-per-practice:40}") int patientsPerPractice, @Value("${server.port:8080}") int port) {
        this.practices = practices;
        this.professionals = professionals;
        this.patients = patients;
        this.conditions = conditions;
        this.encounters = encounters;
        this.accounts = accounts;
        this.runtime = runtime;
        this.patientsPerPractice = patientsPerPractice;
        this.port = port;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        boolean firstRun = practices.findByOdsCode("A10001").isEmpty();
        Practice borough = practice("A10001", "Borough Medical Practice", "Borough");
        Practice walworth = practice("A10002", "Walworth Health Centre", "Walworth");

        member(borough, ProfessionalRole.GP, "Amara", "Lee", "drlee", true);
        member(borough, ProfessionalRole.GP, "Ravi", "Patel", "drpatel", false);
        member(borough, ProfessionalRole.PRACTICE_NURSE, "Grace", "Okafor", "nurseokafor", false);
        member(borough, ProfessionalRole.CARE_COORDINATOR, "Jo", "Smith", "coordsmith", false);
        member(borough, ProfessionalRole.CARE_COORDINATOR, "Sam", "Taylor", "coordtaylor", false);
        member(borough, ProfessionalRole.SOCIAL_PRESCRIBING_LINK_WORKER, "Megan", "Jones", "splwjones", false);
        member(borough, ProfessionalRole.HEALTH_AND_WELLBEING_COACH, "Imran", "Khan", "coachkhan", false);
        member(borough, ProfessionalRole.PHARMACIST, "Li", "Wu", "pharmwu", false);
        member(borough, ProfessionalRole.COMMUNITY_NURSE, "Sam", "Baker", "cnursebaker", false);
        member(borough, ProfessionalRole.SOCIAL_WORKER, "Rhys", "Evans", "swevans", false);
        member(walworth, ProfessionalRole.GP, "Helen", "Wright", "drwright", true);
        member(walworth, ProfessionalRole.PRACTICE_NURSE, "Tunde", "Brown", "nursebrown", false);
        member(walworth, ProfessionalRole.CARE_COORDINATOR, "Alex", "Green", "coordgreen", false);
        member(walworth, ProfessionalRole.SOCIAL_PRESCRIBING_LINK_WORKER, "Noor", "Ali", "splwali", false);
        member(walworth, ProfessionalRole.HEALTH_AND_WELLBEING_COACH, "Chris", "Morgan", "coachmorgan", false);

        accounts.ensureUser("manager", "Priya", "Shah", "manager@example.org", PASSWORD);
        accounts.join("manager", Roles.MANAGER, "Managers");
        accounts.ensureUser("owner", "Tom", "Hughes", "owner@example.org", PASSWORD);
        accounts.join("owner", Roles.PROCESS_OWNER, "Process owners");

        if (firstRun) {
            Random random = new Random(20261123L);
            List<Patient> boroughPatients = population(borough, random);
            population(walworth, random);
            boroughPatients.stream()
                    .filter(p -> conditions.findByPatientId(p.id()).size() >= 3)
                    .limit(3)
                    .forEach(p -> runtime.createMessageCorrelation("PatientIdentified")
                            .processInstanceBusinessKey(p.id().toString())
                            .setVariable("patientId", p.id().toString())
                            .correlateStartMessage());
            log.info("Demo data created: 2 practices, {} patients, 3 pathways started", 2 * patientsPerPractice);
        }
        log.info("Tasklist: http://localhost:{}/camunda/app/tasklist/ ; demo logins (password '{}'): demo (admin), "
                + "drlee (clinical lead, Borough), drpatel, nurseokafor, coordsmith, splwjones, coachkhan, "
                + "drwright (clinical lead, Walworth), manager, owner", port, PASSWORD);
    }

    private Practice practice(String odsCode, String name, String neighbourhood) {
        return practices.findByOdsCode(odsCode).orElseGet(() -> practices.save(Practice.of(odsCode, name, neighbourhood)));
    }

    private void member(Practice practice, ProfessionalRole role, String given, String family, String login, boolean lead) {
        Professional professional = professionals.findByLoginId(login)
                .orElseGet(() -> professionals.save(Professional.of(practice.id(), role, given, family, login, lead)));
        accounts.enrol(professional, practice, login + "@example.org", PASSWORD);
    }

    private List<Patient> population(Practice practice, Random random) {
        List<Patient> created = new ArrayList<>();
        for (int i = 0; i < patientsPerPractice; i++) {
            LocalDate born = LocalDate.of(1935 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28));
            Patient patient = patients.save(Patient.register(testNhsNumber(random), GIVEN[random.nextInt(GIVEN.length)],
                    FAMILY[random.nextInt(FAMILY.length)], born, practice.id()));
            int count = random.nextInt(7);
            List<Integer> picked = new ArrayList<>();
            while (picked.size() < count) {
                int c = random.nextInt(CONDITIONS.length);
                if (!picked.contains(c)) {
                    picked.add(c);
                }
            }
            for (int c : picked) {
                conditions.save(Condition.diagnosed(patient.id(), CONDITIONS[c][0], CONDITIONS[c][1],
                        LocalDate.now().minusDays(200 + random.nextInt(5000))));
            }
            if (count >= 4 && random.nextBoolean()) {
                LocalDate admitted = LocalDate.now().minusDays(10 + random.nextInt(300));
                encounters.save(Encounter.of(patient.id(), EncounterType.UNPLANNED_ADMISSION, admitted));
                encounters.save(Encounter.of(patient.id(), EncounterType.HOSPITAL_DISCHARGE, admitted.plusDays(4)));
            }
            created.add(patient);
        }
        return created;
    }

    /** An NHS number in the 999 range the NHS reserves for testing, with a valid Modulus 11 check digit. */
    static String testNhsNumber(Random random) {
        while (true) {
            String stem = "999" + String.format("%06d", random.nextInt(1_000_000));
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (stem.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return stem + check;
            }
        }
    }
}
