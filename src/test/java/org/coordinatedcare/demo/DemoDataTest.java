package org.coordinatedcare.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.coordinatedcare.patient.NhsNumber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(properties = "demo.patients-per-practice=15")
@ActiveProfiles({"test", "demo"})
class DemoDataTest {

    @Autowired
    DemoData demoData;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityService identity;

    @Autowired
    RuntimeService runtime;

    private List<Integer> counts() {
        return List.of(
                        "practice",
                        "professional",
                        "patient",
                        "patient_condition",
                        "encounter",
                        "episode",
                        "practitioner",
                        "frailty_observation",
                        "case_finding_run")
                .stream()
                .map(table -> jdbc.sql("select count(*) from " + table)
                        .query(Integer.class)
                        .single())
                .toList();
    }

    @Test
    void aSecondStartAddsNothing() throws Exception {
        List<Integer> before = counts();
        long users = identity.createUserQuery().count();
        long pathways = runtime.createProcessInstanceQuery()
                .processDefinitionKey("coordinated-care")
                .count();

        demoData.run(new DefaultApplicationArguments());

        assertThat(counts()).isEqualTo(before);
        assertThat(identity.createUserQuery().count()).isEqualTo(users);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("coordinated-care")
                        .count())
                .isEqualTo(pathways);
    }

    @Test
    void importsFourPracticesAndTheirPopulationOverFhirAUserPerRoleAndThreeIdentifiedPatients() {
        assertThat(counts().get(0)).isEqualTo(4);
        assertThat(counts().get(2)).isEqualTo(60);
        assertThat(jdbc.sql("select count(*) from patient where fhir_id is null")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select neighbourhood from practice order by ods_code")
                        .query(String.class)
                        .list())
                .containsExactly("Borough", "Walworth", "Bermondsey", "Rotherhithe");
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("coordinated-care")
                        .count())
                .isEqualTo(3);
        // the three identified have three or more LTC categories each, and Borough has a case-finding run under way
        assertThat(jdbc.sql("select min(ltc_count) from episode")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql(
                                "select count(*) from case_finding_run r join practice p on p.id = r.practice_id where p.ods_code = 'A10001'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("case-finding")
                        .count())
                .isEqualTo(1);
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
    void demoNhsNumbersAreValidAndInTheTestRange() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            String number = DemoData.testNhsNumber(random);
            assertThat(number).startsWith("999");
            assertThat(NhsNumber.isValid(number)).isTrue();
        }
    }
}
