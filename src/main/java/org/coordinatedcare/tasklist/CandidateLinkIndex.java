package org.coordinatedcare.tasklist;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An index of the engine's candidate links by group, type and task (ADR 0032). "My group's tasks" starts from the
 * links of the user's groups; the engine's own index on the group alone sends each of a practice's 5,000 links back
 * to the table for its type and task, where this one answers from the index. Made here rather than by Flyway because
 * the engine creates its tables after Flyway has run (SchemaOrder); {@code if not exists} on PostgreSQL and H2 alike.
 */
@Component
public class CandidateLinkIndex implements ApplicationRunner {

    static final String NAME = "cc_idx_ident_lnk_group_task";

    private final JdbcTemplate jdbc;

    public CandidateLinkIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        jdbc.execute("create index if not exists " + NAME + " on act_ru_identitylink (group_id_, type_, task_id_)");
    }
}
