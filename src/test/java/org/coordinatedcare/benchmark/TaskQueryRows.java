package org.coordinatedcare.benchmark;

import java.util.List;
import java.util.Locale;

/** The task-query figure as rows of the benchmark table: p50 and p95 beside the floor, target p95 within 50 ms and 1.2x. */
final class TaskQueryRows {

    private TaskQueryRows() {}

    static List<String> of(TaskQueryBenchmark.Result result) {
        System.out.printf(
                Locale.ROOT,
                "Task queries: %d open pathway tasks and %d bare tasks over %d practices each, set up in %.0f s; "
                        + "Tasklist count for one practice: ours %d, floor %d; patientLabel variables on the Tasklist page: ours %d, floor %d of 15%n",
                result.tasks(),
                result.tasks(),
                TaskQueryBenchmark.PRACTICES,
                result.setUpSeconds(),
                result.tasklistCountOurs(),
                result.tasklistCountFloor(),
                result.labelsOurs(),
                result.labelsFloor());
        String size = String.format(Locale.ROOT, "%,d open tasks", result.tasks());
        return List.of(
                row(
                        "Tasklist \"My group's tasks\" (HAL list of 15 + count + variables), " + size + ", p50 ms",
                        result.tasklistOurs().p50(),
                        result.tasklistFloor().p50(),
                        false),
                row(
                        "Tasklist \"My group's tasks\" (HAL list of 15 + count + variables), " + size + ", p95 ms",
                        result.tasklistOurs().p95(),
                        result.tasklistFloor().p95(),
                        true),
                row(
                        "GET /api/worklist?size=15, " + size + ", p50 ms",
                        result.worklistOurs().p50(),
                        result.worklistFloor().p50(),
                        false),
                row(
                        "GET /api/worklist?size=15, " + size + ", p95 ms",
                        result.worklistOurs().p95(),
                        result.worklistFloor().p95(),
                        true),
                row(
                        "  in-process: FilterService list of 15 + count + variable query as the user, p50 ms",
                        result.engineFilterOurs().p50(),
                        result.engineFilterFloor().p50(),
                        false),
                row(
                        "  in-process: FilterService list of 15 + count + variable query as the user, p95 ms",
                        result.engineFilterOurs().p95(),
                        result.engineFilterFloor().p95(),
                        false),
                row(
                        "  in-process: Worklist.page(0, 15) as the user, p50 ms",
                        result.engineWorklistOurs().p50(),
                        result.engineWorklistFloor().p50(),
                        false),
                row(
                        "  in-process: Worklist.page(0, 15) as the user, p95 ms",
                        result.engineWorklistOurs().p95(),
                        result.engineWorklistFloor().p95(),
                        false),
                row(
                        "  in-process: the same filter query with no authorization check (page of 15 + count + variables), p50 ms",
                        result.unauthorizedOurs().p50(),
                        result.unauthorizedFloor().p50(),
                        false),
                row(
                        "  in-process: the same filter query with no authorization check (page of 15 + count + variables), p95 ms",
                        result.unauthorizedOurs().p95(),
                        result.unauthorizedFloor().p95(),
                        false));
    }

    private static String row(String measure, double ours, double floor, boolean target) {
        double ratio = ours / floor;
        String verdict = !target
                ? "-"
                : String.format(
                        Locale.ROOT,
                        "p95 at most 50 ms: %s; at most 1.2x: %s",
                        ours <= 50 ? "met" : "MISSED",
                        ratio <= 1.2 ? "met" : "MISSED");
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx | %s |", measure, ours, floor, ratio, verdict);
    }
}
