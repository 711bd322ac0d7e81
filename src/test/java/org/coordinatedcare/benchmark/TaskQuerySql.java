package org.coordinatedcare.benchmark;

import java.util.List;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.coordinatedcare.CoordinatedCareApplication;
import org.coordinatedcare.worklist.Worklist;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Prints the SQL the engine sends for Tasklist's "My group's tasks" filter and for our worklist, as a clinical lead of
 * P00001, on a database the {@code tasks} part left behind, so the statements can be run with EXPLAIN ANALYZE:
 * {@code java -cp ... org.coordinatedcare.benchmark.TaskQuerySql jdbc:postgresql://127.0.0.1:5432/coordinated_care_bench_tasks_...}
 */
public final class TaskQuerySql {

    private TaskQuerySql() {}

    public static void main(String[] args) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CoordinatedCareApplication.class)
                .profiles("postgres")
                .run(
                        "--spring.datasource.url=" + args[0],
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--camunda.bpm.admin-user.password=benchmark-administrator",
                        "--camunda.bpm.job-execution.enabled=false",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN")) {
            IdentityService identity = app.getBean(IdentityService.class);
            identity.setAuthentication(
                    "lead-p00001", List.of("clinical-lead", "gp", "clinical-lead-P00001", "gp-P00001"));
            ch.qos.logback.classic.Logger sql = (ch.qos.logback.classic.Logger)
                    org.slf4j.LoggerFactory.getLogger("org.camunda.bpm.engine.impl.persistence.entity");
            sql.setLevel(ch.qos.logback.classic.Level.DEBUG);
            System.out.println("=== worklist");
            app.getBean(Worklist.class).page(0, 15);
            System.out.println("=== Tasklist filter");
            FilterService filters = app.getBean(FilterService.class);
            String filterId = filters.createFilterQuery()
                    .filterName("My group's tasks")
                    .singleResult()
                    .getId();
            List<org.camunda.bpm.engine.task.Task> page = filters.listPage(filterId, 0, 15);
            filters.count(filterId);
            System.out.println("=== Tasklist's variables of the page");
            List<String> scopes = new java.util.ArrayList<>();
            page.forEach(
                    task -> scopes.addAll(List.of(task.getId(), task.getExecutionId(), task.getProcessInstanceId())));
            app.getBean(org.camunda.bpm.engine.RuntimeService.class)
                    .createVariableInstanceQuery()
                    .disableBinaryFetching()
                    .disableCustomObjectDeserialization()
                    .variableNameIn("patientLabel")
                    .variableScopeIdIn(scopes.toArray(String[]::new))
                    .unlimitedList();
            sql.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
