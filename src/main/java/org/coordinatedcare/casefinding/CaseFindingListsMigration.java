package org.coordinatedcare.casefinding;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Schema version 7: a run's list for one practice ({@code case_finding_list}), which its candidates name. Each stored
 * candidate was checked against the run and the practice, two foreign keys looked up row by row; it is now checked
 * once, against its list, which names both (BENCHMARKS.md, case finding). In Java because the two foreign keys it
 * replaces were created without names, and PostgreSQL and H2 name them differently.
 */
@Component
public class CaseFindingListsMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "case finding lists";
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
            sql.execute("""
                    create table case_finding_list (
                        run_id      bigint not null references case_finding_run (id),
                        practice_id bigint not null references practice (id),
                        primary key (run_id, practice_id)
                    )""");
            sql.execute("""
                    insert into case_finding_list (run_id, practice_id)
                    select run_id, practice_id from case_finding_candidate
                    union
                    select run_id, practice_id from case_finding_annual_review""");
            for (String constraint :
                    foreignKeysOn(connection, "case_finding_candidate", List.of("run_id", "practice_id"))) {
                sql.execute("alter table case_finding_candidate drop constraint " + constraint);
            }
            sql.execute("""
                    alter table case_finding_candidate add constraint case_finding_candidate_list_fk
                        foreign key (run_id, practice_id) references case_finding_list (run_id, practice_id)""");
        }
    }

    /** The names of the table's foreign keys on any of these columns. */
    static Set<String> foreignKeysOn(Connection connection, String table, List<String> columns) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        Set<String> names = new LinkedHashSet<>();
        // PostgreSQL folds unquoted names to lower case, H2 to upper case
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet keys = metadata.getImportedKeys(connection.getCatalog(), connection.getSchema(), name)) {
                while (keys.next()) {
                    if (columns.contains(keys.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT))) {
                        names.add(keys.getString("FK_NAME"));
                    }
                }
            }
        }
        return names;
    }
}
