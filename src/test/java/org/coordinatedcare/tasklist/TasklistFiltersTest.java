package org.coordinatedcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.coordinatedcare.EngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The filters clinicians work from (ADR 0032). */
@EngineTest
class TasklistFiltersTest {

    @Autowired
    FilterService filters;

    @Test
    void onlyMyTasksReloadsItselfEveryTenSeconds() {
        Map<String, Object> refresh = filters.createFilterQuery().list().stream()
                .collect(Collectors.toMap(
                        Filter::getName, filter -> filter.getProperties().get("refresh")));

        assertThat(refresh)
                .containsEntry("My tasks", true)
                .containsEntry("My group's tasks", false)
                .containsEntry("My caseload", false)
                .containsEntry("Overdue", false);
    }
}
