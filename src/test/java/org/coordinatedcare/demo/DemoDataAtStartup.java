package org.coordinatedcare.demo;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the demo data left in the database when the live server became ready, before any test ran. The live-server
 * tests share one server and add patients, pathways and case-finding runs of their own in whatever order surefire runs
 * them, so {@link DemoDataTest} checks the demo's start against this record rather than against the database as it is
 * by the time that test runs.
 */
@TestComponent
public class DemoDataAtStartup {

    static final List<String> TABLES = List.of(
            "practice",
            "professional",
            "patient",
            "patient_condition",
            "encounter",
            "episode",
            "practitioner",
            "frailty_observation",
            "case_finding_run");

    private final JdbcClient jdbc;
    private final RuntimeService runtime;

    List<Integer> counts;
    int patientsWithoutFhirId;
    List<String> neighbourhoods;
    long pathways;
    Integer fewestLtcCategoriesOnAnEpisode;
    int boroughCaseFindingRuns;
    long caseFindingPathways;

    public DemoDataAtStartup(JdbcClient jdbc, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.runtime = runtime;
    }

    /** Rows in each of {@link #TABLES}, in that order. */
    List<Integer> counts() {
        return TABLES.stream()
                .map(table -> jdbc.sql("select count(*) from " + table)
                        .query(Integer.class)
                        .single())
                .toList();
    }

    // ready comes after every ApplicationRunner, DemoData's included, and before the first test
    @EventListener(ApplicationReadyEvent.class)
    void record() {
        counts = counts();
        patientsWithoutFhirId = jdbc.sql("select count(*) from patient where fhir_id is null")
                .query(Integer.class)
                .single();
        neighbourhoods = jdbc.sql("select neighbourhood from practice order by ods_code")
                .query(String.class)
                .list();
        pathways = runtime.createProcessInstanceQuery()
                .processDefinitionKey("coordinated-care")
                .count();
        fewestLtcCategoriesOnAnEpisode = jdbc.sql("select min(ltc_count) from episode")
                .query(Integer.class)
                .single();
        boroughCaseFindingRuns = jdbc.sql(
                        "select count(*) from case_finding_run r join practice p on p.id = r.practice_id where p.ods_code = 'A10001'")
                .query(Integer.class)
                .single();
        caseFindingPathways = runtime.createProcessInstanceQuery()
                .processDefinitionKey("case-finding")
                .count();
    }
}
