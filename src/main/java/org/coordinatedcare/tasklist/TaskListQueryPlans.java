package org.coordinatedcare.tasklist;

import java.io.IOException;
import java.sql.DatabaseMetaData;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets PostgreSQL plan the engine's task-list queries with their parameter values, as index probes (ADR 0013).
 * <p>
 * A list of tasks made as a user joins every task of the query to {@code ACT_RU_AUTHORIZATION} on
 * {@code PERMS_ & 2 = 2}; {@link AuthorizationStatistics} gives PostgreSQL the statistics to plan that join as an index
 * probe per task. But the JDBC driver prepares a statement on the server from its fifth run on a connection, and
 * PostgreSQL may then keep a generic plan, made without the values: it sees {@code PERMS_ & $7}, cannot use those
 * statistics, and Tasklist's count of a practice's 5,000 open tasks went from 0.36 s to 1.7 s. Custom plans for every
 * statement cost the pathway 1.4x, so only the task-list requests of Tasklist and the engine REST API run in a
 * transaction that plans its statements afresh: {@code SET LOCAL}, which ends with the transaction. That includes the
 * filter list with {@code itemCount=true}, which Tasklist's sidebar asks for and which counts every filter's tasks.
 * <p>
 * The same transaction turns off materializing the inner side of a join. The authorization join is an OR of three
 * columns, so it can only be a nested loop: either an index probe per task (0.25 s for 5,000 tasks) or every task
 * compared with every authorization row kept in memory (2.7 s). The planner costs the two nearly the same, and which
 * it picks flips with the sample of the table's last ANALYZE: two analyzes in four picked the slow one. Without
 * materializing, the comparison plan costs what it really does, and the probe wins every time. The engine's
 * commands join that transaction, so they run on its connection; it is read-only and rolled back. Only on PostgreSQL 12
 * or later, which has the setting.
 */
@Component
public class TaskListQueryPlans extends OncePerRequestFilter {

    /**
     * Custom plans, no materialized inner joins, and random reads costed as the cached, solid-state reads they are,
     * until the transaction ends ({@code is_local = true}). At PostgreSQL's default of 4 a practice's count read every
     * open task of every practice and hashed them against the practice's candidate links; costed at 1.1 it probes
     * each of the practice's links into the task table's key (ADR 0032).
     */
    public static final String PLAN_WITH_VALUES = "select set_config('plan_cache_mode', 'force_custom_plan', true), "
            + "set_config('enable_material', 'off', true), set_config('random_page_cost', '1.1', true)";

    private static final TransactionDefinition READ_ONLY = readOnly();

    private final Pattern readByGet;
    private final Pattern readByPost;
    private final PlatformTransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final boolean postgres;

    TaskListQueryPlans(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps) {
        this.jdbc = jdbc;
        this.transactions = transactionManager;
        // The engine REST API and the webapps' own copy of it. GET: the filters with their counts (Tasklist's sidebar,
        // itemCount=true), a filter's page or count, task queries. POST: a filter's page or count, task queries;
        // not POST /filter, which creates one.
        String api = "(/engine-rest|" + Pattern.quote(webapps) + "/api/engine/engine/[^/]+)";
        this.readByGet = Pattern.compile(api + "/(filter(/[^/]+(/(list|count))?)?|task(/count)?)");
        this.readByPost = Pattern.compile(api + "/(filter/[^/]+/(list|count)|task(/count)?)");
        this.postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            DatabaseMetaData database = connection.getMetaData();
            return "PostgreSQL".equals(database.getDatabaseProductName()) && database.getDatabaseMajorVersion() >= 12;
        }));
    }

    private static TransactionDefinition readOnly() {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setReadOnly(true);
        return definition;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Pattern reads = switch (request.getMethod()) {
            case "GET" -> readByGet;
            case "POST" -> readByPost;
            default -> null;
        };
        return !postgres || reads == null || !reads.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TransactionStatus transaction = transactions.getTransaction(READ_ONLY);
        try {
            jdbc.queryForList(PLAN_WITH_VALUES);
            chain.doFilter(request, response);
        } finally {
            // These requests only read. Rolling back also ends quietly when a failed engine command inside (answered
            // as 4xx by the REST layer) has marked the transaction rollback-only.
            transactions.rollback(transaction);
        }
    }
}
