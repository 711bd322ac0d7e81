package org.coordinatedcare.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.camunda.bpm.engine.RuntimeService;
import org.coordinatedcare.casefinding.CaseFindingRun;
import org.coordinatedcare.casefinding.CaseFindingRuns;
import org.coordinatedcare.fhir.FhirImporter;
import org.coordinatedcare.fhir.ImportReport;
import org.coordinatedcare.patient.NhsNumber;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.reference.LtcConditions;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo profile's world: four practices in different neighbourhoods, a team with one login per role (password
 * {@code demo}), a synthetic population with NHS numbers from the 999 test range, three patients already identified
 * and a case-finding run for Borough (A10001) whose list waits for its GPs, so Tasklist has work on the first login. The population comes in through the FHIR importer, as a PCN's would: a
 * generated NDJSON file ({@link DemoPopulation}, fixed seed). Created once; a second start adds nothing.
 */
@Component
@Profile("demo")
@Order(3)
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";
    static final long SEED = 20261123L;

    private final PracticeRepository practices;
    private final ProfessionalRepository professionals;
    private final FhirImporter importer;
    private final JdbcClient jdbc;
    private final TeamAccounts accounts;
    private final RuntimeService runtime;
    private final CaseFindingRuns caseFindingRuns;
    private final int patientsPerPractice;
    private final int port;

    public DemoData(
            PracticeRepository practices,
            ProfessionalRepository professionals,
            FhirImporter importer,
            JdbcClient jdbc,
            TeamAccounts accounts,
            RuntimeService runtime,
            CaseFindingRuns caseFindingRuns,
            @Value("${demo.patients-per-practice:625}") int patientsPerPractice,
            @Value("${server.port:8080}") int port) {
        this.practices = practices;
        this.professionals = professionals;
        this.importer = importer;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.runtime = runtime;
        this.caseFindingRuns = caseFindingRuns;
        this.patientsPerPractice = patientsPerPractice;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        boolean firstRun = practices.findByOdsCode("A10001").isEmpty();
        if (firstRun) {
            importPopulation();
        }
        Practice borough = practices.findByOdsCode("A10001").orElseThrow();
        Practice walworth = practices.findByOdsCode("A10002").orElseThrow();
        Practice bermondsey = practices.findByOdsCode("A10003").orElseThrow();
        Practice rotherhithe = practices.findByOdsCode("A10004").orElseThrow();

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
        member(bermondsey, ProfessionalRole.GP, "Ngozi", "Okoro", "drokoro", true);
        member(rotherhithe, ProfessionalRole.GP, "Edward", "Finch", "drfinch", true);

        accounts.ensureUser("manager", "Priya", "Shah", "manager@example.org", PASSWORD);
        accounts.join("manager", Roles.MANAGER, "Managers");
        accounts.ensureUser("owner", "Tom", "Hughes", "owner@example.org", PASSWORD);
        accounts.join("owner", Roles.PROCESS_OWNER, "Process owners");
        // the system account of a GP or hospital feed: imports FHIR into the register, nothing else
        accounts.ensureUser("gpfeed", "GP system", "feed", "gpfeed@example.org", PASSWORD);
        accounts.join("gpfeed", Roles.REGISTER_IMPORT, "Register import");
        // a Prometheus server's scrape account: /actuator/prometheus, nothing else
        accounts.ensureUser("prometheus", "Prometheus", "scrape", "prometheus@example.org", PASSWORD);
        accounts.join("prometheus", Roles.METRICS_SCRAPE, "Metrics scrape");

        if (firstRun) {
            List<String> identified = jdbc
                    .sql("""
                            select p.fhir_id from patient p join practice pr on pr.id = p.practice_id
                            where pr.ods_code = 'A10001' and not p.deceased and p.birth_date <= ?
                              and (select count(distinct l.ltc_category) from patient_condition c
                                   join ltc_condition l on l.snomed_code = c.snomed_code
                                   where c.patient_id = p.id and """ + LtcConditions.ACTIVE_CONDITION + """
                                  ) >= 3
                            order by p.id""")
                    .param(LocalDate.now().minusYears(18))
                    .query(String.class)
                    .list()
                    .stream()
                    .limit(3)
                    .toList();
            // addressed as a hospital feed or GP system would: by the FHIR Patient id (ADR 0019)
            identified.forEach(fhirId -> runtime.createMessageCorrelation("PatientIdentified")
                    .processInstanceBusinessKey(fhirId)
                    .setVariable("patientId", fhirId)
                    .correlateStartMessage());
            // a case-finding list waits for Borough's GPs (drlee, drpatel) at the first login
            CaseFindingRun run = caseFindingRuns.request(borough, "system");
            log.info(
                    "Demo data created: 4 practices, {} patients, {} pathways started, case-finding run {} for A10001",
                    4 * patientsPerPractice,
                    identified.size(),
                    run.id());
        }
        log.info(
                "Tasklist: http://localhost:{}/camunda/app/tasklist/ ; demo logins (password '{}'): demo (admin), "
                        + "drlee (clinical lead, Borough), drpatel, nurseokafor, coordsmith, splwjones, coachkhan, "
                        + "drwright (clinical lead, Walworth), drokoro (Bermondsey), drfinch (Rotherhithe), manager, owner",
                port,
                PASSWORD);
    }

    /** Generates the population as NDJSON in a temporary file and imports it like any PCN's extract. */
    private void importPopulation() throws IOException {
        long started = System.nanoTime();
        Path file = Files.createTempFile("demo-population-", ".ndjson");
        try {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                new DemoPopulation(SEED, patientsPerPractice, LocalDate.now()).write(out);
            }
            ImportReport report;
            try (InputStream in = Files.newInputStream(file)) {
                report = importer.importNdjson(in);
            }
            if (report.getRejectionCount() > 0) {
                log.warn(
                        "Demo population: {} entries rejected, first: {}",
                        report.getRejectionCount(),
                        report.getRejections().get(0));
            }
            log.info(
                    "Demo population imported over FHIR in {} ms:\n{}",
                    (System.nanoTime() - started) / 1_000_000,
                    report.summary());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void member(
            Practice practice, ProfessionalRole role, String given, String family, String login, boolean lead) {
        Professional professional = professionals
                .findByLoginId(login)
                .orElseGet(() -> professionals.save(Professional.of(practice.id(), role, given, family, login, lead)));
        accounts.enrol(professional, practice, login + "@example.org", PASSWORD);
    }

    /** An NHS number in the 999 range the NHS reserves for testing, with a valid Modulus 11 check digit. */
    static String testNhsNumber(Random random) {
        while (true) {
            String stem = "999" + String.format("%06d", random.nextInt(1_000_000));
            int check = NhsNumber.checkDigit(stem);
            if (check >= 0) {
                return stem + check;
            }
        }
    }
}
