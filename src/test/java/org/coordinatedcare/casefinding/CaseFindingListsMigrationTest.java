package org.coordinatedcare.casefinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Schema version 7 on a database that already holds case-finding runs (the demo's H2 file, a production database). */
class CaseFindingListsMigrationTest {

    private final DataSource database =
            new DriverManagerDataSource("jdbc:h2:mem:lists-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(database);

    @Test
    void earlierRunsGetTheirListsAndEveryCandidateIsCheckedAgainstOne() {
        migrate("6");
        jdbc.update("insert into practice (id, ods_code, name, neighbourhood) values (1, 'A10001', 'Alpha', 'North'),"
                + " (2, 'B20002', 'Beta', 'South')");
        jdbc.update("insert into patient (id, given_name, family_name, birth_date, practice_id) values"
                + " (10, 'Ann', 'One', date '1950-01-01', 1), (20, 'Bob', 'Two', date '1950-01-01', 2)");
        jdbc.update("insert into case_finding_run (id, trigger_kind, status, requested_at, requested_by)"
                + " values (5, 'REQUEST', 'IN_REVIEW', current_timestamp, 'lead')");
        jdbc.update(
                "insert into case_finding_candidate (run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons)"
                        + " values (5, 10, 1, 3, 'a|b|c', 'ltc')");

        migrate("7");

        assertThat(jdbc.queryForList("select practice_id from case_finding_list where run_id = 5", Long.class))
                .containsExactly(1L);
        // practice 2 has no list in run 5, so no candidate of run 5 can name it; nor can a run that does not exist
        assertThatThrownBy(() -> jdbc.update("insert into case_finding_candidate (run_id, patient_id, practice_id,"
                        + " ltc_count, ltc_categories, reasons) values (5, 20, 2, 3, 'a|b|c', 'ltc')"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("insert into case_finding_candidate (run_id, patient_id, practice_id,"
                        + " ltc_count, ltc_categories, reasons) values (6, 10, 1, 3, 'a|b|c', 'ltc')"))
                .isInstanceOf(DataIntegrityViolationException.class);
        jdbc.update("insert into case_finding_list (run_id, practice_id) values (5, 2)");
        jdbc.update(
                "insert into case_finding_candidate (run_id, patient_id, practice_id, ltc_count, ltc_categories, reasons)"
                        + " values (5, 20, 2, 3, 'a|b|c', 'ltc')");
        assertThat(jdbc.queryForObject("select count(*) from case_finding_candidate", Integer.class))
                .isEqualTo(2);
    }

    private void migrate(String target) {
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .javaMigrations(new CaseFindingListsMigration())
                .target(target)
                .load()
                .migrate();
    }
}
