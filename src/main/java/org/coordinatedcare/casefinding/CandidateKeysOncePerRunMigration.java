package org.coordinatedcare.casefinding;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Schema version 21 (ADR 0030): a candidate's patient and list are checked once per run, not row by row. The foreign
 * keys of {@code case_finding_candidate} on {@code patient_id} and on {@code (run_id, practice_id)} are dropped;
 * "Find candidates" checks every stored row of its run against both in one anti-join before it commits
 * ({@link CandidateFinder#UNKNOWN_REFERENCES}) and fails the run if one names a row that does not exist. What the keys
 * also did, refuse to delete (or renumber) a patient or a list that a candidate names, is done on PostgreSQL by a
 * trigger on each of those tables, which fires once per deleted row, and nothing deletes either. H2 has no SQL
 * triggers (only Java classes, and the driver is not on our compile path), so the embedded database relies on nothing
 * deleting them. On PostgreSQL the evidence column is also compressed inline (lz4), which makes storing a run
 * cheaper. In Java because the key on the patient was created without a name, and PostgreSQL and H2 name it
 * differently ({@link CaseFindingListsMigration#foreignKeysOn}).
 */
@Component
public class CandidateKeysOncePerRunMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("21");
    }

    @Override
    public String getDescription() {
        return "case finding candidate keys checked once per run";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement sql = connection.createStatement()) {
            for (String constraint : CaseFindingListsMigration.foreignKeysOn(
                    connection, "case_finding_candidate", List.of("patient_id", "run_id", "practice_id"))) {
                sql.execute("alter table case_finding_candidate drop constraint " + constraint);
            }
            if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                return;
            }
            sql.execute("""
                    create function case_finding_candidate_patient_kept() returns trigger language plpgsql as $$
                    begin
                        if exists (select 1 from case_finding_candidate where patient_id = old.id) then
                            raise exception 'patient % is named by a case-finding candidate', old.id
                                using errcode = 'foreign_key_violation';
                        end if;
                        return case when tg_op = 'DELETE' then old else new end;
                    end $$""");
            sql.execute("""
                    create trigger case_finding_candidate_patient_kept
                        before delete or update of id on patient
                        for each row execute function case_finding_candidate_patient_kept()""");
            sql.execute("""
                    create function case_finding_candidate_list_kept() returns trigger language plpgsql as $$
                    begin
                        if exists (select 1 from case_finding_candidate
                                   where run_id = old.run_id and practice_id = old.practice_id) then
                            raise exception 'case-finding list (run %, practice %) is named by its candidates',
                                old.run_id, old.practice_id using errcode = 'foreign_key_violation';
                        end if;
                        return case when tg_op = 'DELETE' then old else new end;
                    end $$""");
            sql.execute("""
                    create trigger case_finding_candidate_list_kept
                        before delete or update of run_id, practice_id on case_finding_list
                        for each row execute function case_finding_candidate_list_kept()""");
            // A run's evidence is about 1.1 kB of JSON a candidate, 91 MB for 80,787 candidates. Compressed inline
            // with lz4 (rows over 256 bytes rather than over 2 kB), storing a run's candidates took 0.71 s instead of
            // 0.92 s on the benchmark database; only where the server was built with lz4.
            boolean lz4;
            try (ResultSet setting = sql.executeQuery(
                    "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)")) {
                lz4 = setting.next();
            }
            if (lz4) {
                sql.execute("alter table case_finding_candidate set (toast_tuple_target = 256)");
                sql.execute("alter table case_finding_candidate alter column evidence set compression lz4");
            }
        }
    }
}
