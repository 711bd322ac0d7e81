package org.coordinatedcare.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.camunda.bpm.engine.IdentityService;
import org.coordinatedcare.patient.NhsNumber;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * The demo data, on the live server's context (profiles test and demo) with its number of patients per practice. The
 * start is checked against {@link DemoDataAtStartup}, taken before any live-server test added rows of its own.
 */
class DemoDataTest extends LiveServerTestSupport {

    @Autowired
    DemoData demoData;

    @Autowired
    DemoDataAtStartup atStartup;

    @Autowired
    IdentityService identity;

    @Value("${demo.patients-per-practice}")
    int patientsPerPractice;

    @Test
    void aSecondStartAddsNothing() throws Exception {
        List<Integer> before = atStartup.counts();
        long users = identity.createUserQuery().count();
        long pathways = runtime.createProcessInstanceQuery()
                .processDefinitionKey("coordinated-care")
                .count();

        demoData.run(new DefaultApplicationArguments());

        assertThat(atStartup.counts()).isEqualTo(before);
        assertThat(identity.createUserQuery().count()).isEqualTo(users);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("coordinated-care")
                        .count())
                .isEqualTo(pathways);
    }

    @Test
    void importsFourPracticesAndTheirPopulationOverFhirAUserPerRoleAndThreeIdentifiedPatients() {
        assertThat(atStartup.counts.get(0)).isEqualTo(4);
        assertThat(atStartup.counts.get(2)).isEqualTo(4 * patientsPerPractice);
        assertThat(atStartup.patientsWithoutFhirId).isZero();
        assertThat(atStartup.neighbourhoods).containsExactly("Borough", "Walworth", "Bermondsey", "Rotherhithe");
        assertThat(atStartup.pathways).isEqualTo(3);
        // the three identified have three or more LTC categories each, and Borough has a case-finding run under way
        assertThat(atStartup.fewestLtcCategoriesOnAnEpisode).isGreaterThanOrEqualTo(3);
        assertThat(atStartup.boroughCaseFindingRuns).isEqualTo(1);
        assertThat(atStartup.caseFindingPathways).isEqualTo(1);
        for (String group : List.of(
                "gp",
                "practice-nurse",
                "care-coordinator",
                "social-prescriber",
                "health-coach",
                "pharmacist",
                "community-nurse",
                "social-worker",
                "clinical-lead",
                "manager",
                "process-owner")) {
            assertThat(identity.createUserQuery().memberOfGroup(group).count())
                    .as(group)
                    .isPositive();
        }
        assertThat(identity.checkPassword("drlee", DemoData.PASSWORD)).isTrue();
        assertThat(identity.createUserQuery()
                        .memberOfGroup("clinical-lead-A10001")
                        .userId("drlee")
                        .count())
                .isEqualTo(1);
        assertThat(identity.createUserQuery()
                        .memberOfGroup("clinical-lead-A10003")
                        .userId("drokoro")
                        .count())
                .isEqualTo(1);
        assertThat(identity.createUserQuery()
                        .memberOfGroup("clinical-lead-A10004")
                        .userId("drfinch")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theGeneratedPopulationIsTheSameEveryTimeAndImportsWithoutRejections() throws Exception {
        java.io.StringWriter first = new java.io.StringWriter();
        java.io.StringWriter second = new java.io.StringWriter();
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 23);
        new DemoPopulation(DemoData.SEED, 100, today).write(first);
        new DemoPopulation(DemoData.SEED, 100, today).write(second);
        assertThat(first.toString()).isEqualTo(second.toString());
        assertThat(first.toString())
                .contains(
                        "entered-in-error",
                        "abatementDateTime",
                        "deceasedDateTime",
                        "925861000000102",
                        "713636003",
                        "\"code\":\"EMER\"",
                        "\"code\":\"IMP\"");
    }

    @Test
    void demoPatientsHaveContactPreferences() {
        assertThat(jdbc.sql("select count(*) from patient where fhir_id like 'demo-%' and phone like '07700 900%'"
                                + " and preferred_language is not null")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void demoNhsNumbersAreValidAndInTheTestRange() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            String number = DemoData.testNhsNumber(random);
            assertThat(number).startsWith("999");
            assertThat(NhsNumber.isValid(number)).isTrue();
        }
    }
}
