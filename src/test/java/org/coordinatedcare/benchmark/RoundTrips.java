package org.coordinatedcare.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the statements the application sends to the database (a batch counts once, as it is one round trip) and the
 * commits, by wrapping the DataSource. Unlike a time, the count does not drift with the load on a shared machine, so
 * it shows a change in the work itself.
 */
final class RoundTrips implements BeanPostProcessor {

    private static final Set<String> EXECUTIONS = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    final AtomicLong statements = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    /** With -Dbenchmark.statements=true, how often each statement was sent, by the start of its SQL. */
    private final Map<String, LongAdder> bySql =
            Boolean.getBoolean("benchmark.statements") ? new ConcurrentHashMap<>() : null;

    /** A copy of the counts by statement, to subtract from a later one; empty unless they are kept. */
    Map<String, Long> statementsBySql() {
        Map<String, Long> copy = new TreeMap<>();
        if (bySql != null) {
            bySql.forEach((sql, count) -> copy.put(sql, count.sum()));
        }
        return copy;
    }

    /**
     * Each statement's count per pathway in each kind, from readings taken before the first kind and after each, sorted
     * by how far the first kind (ours) sends it more often than the last (the engine-shaped floor).
     */
    static String compare(List<Map<String, Long>> readings, int pathways) {
        Map<String, double[]> perKind = new TreeMap<>();
        int kinds = readings.size() - 1;
        for (int kind = 0; kind < kinds; kind++) {
            Map<String, Long> before = readings.get(kind);
            for (Map.Entry<String, Long> after : readings.get(kind + 1).entrySet()) {
                double count = (after.getValue() - before.getOrDefault(after.getKey(), 0L)) / (double) pathways;
                perKind.computeIfAbsent(after.getKey(), key -> new double[kinds])[kind] = count;
            }
        }
        StringBuilder table = new StringBuilder();
        perKind.entrySet().stream()
                .filter(entry -> Arrays.stream(entry.getValue()).anyMatch(count -> count >= 0.05))
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> entry) ->
                                entry.getValue()[0] - entry.getValue()[kinds - 1])
                        .reversed())
                .forEach(entry -> {
                    StringBuilder counts = new StringBuilder();
                    for (double count : entry.getValue()) {
                        counts.append(String.format("%6.1f", count));
                    }
                    table.append(counts).append("  ").append(entry.getKey()).append('\n');
                });
        return table.toString();
    }

    /** Per-pathway figures since a reading of {statements, commits}. */
    PathwayBenchmark.Trips since(long[] start, int pathways) {
        return new PathwayBenchmark.Trips(
                (double) (statements.get() - start[0]) / pathways, (double) (commits.get() - start[1]) / pathways);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource ? wrap(dataSource) : bean;
    }

    private DataSource wrap(DataSource target) {
        return proxy(
                DataSource.class,
                target,
                (method, args, result) -> result instanceof Connection connection
                        ? proxy(Connection.class, connection, this::onConnection)
                        : result);
    }

    private Object onConnection(Method method, Object[] args, Object result) {
        if (method.getName().equals("commit")) {
            commits.incrementAndGet();
        }
        if (!(result instanceof Statement statement)) {
            return result;
        }
        // a prepared statement's SQL is given when it is prepared; a plain statement's when it is executed
        String prepared = method.getName().startsWith("prepare") ? (String) args[0] : null;
        return proxy(statementType(statement), statement, (m, statementArgs, r) -> {
            if (EXECUTIONS.contains(m.getName())) {
                statements.incrementAndGet();
                if (bySql != null) {
                    String sql = prepared != null
                            ? prepared
                            : statementArgs != null && statementArgs.length > 0
                                    ? String.valueOf(statementArgs[0])
                                    : "?";
                    bySql.computeIfAbsent(SHORT.computeIfAbsent(sql, RoundTrips::shorten), key -> new LongAdder())
                            .increment();
                }
            }
            return r;
        });
    }

    /**
     * Each distinct SQL text shortened once: shortening with a regular expression on every execution was about 4% of
     * the driving thread's samples (Java Flight Recorder), paid by each kind in proportion to its statements.
     */
    private static final Map<String, String> SHORT = new ConcurrentHashMap<>();

    /** Enough of a statement to tell which table and which of the engine's statements it is. */
    private static String shorten(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= 110 ? flat : flat.substring(0, 110);
    }

    @SuppressWarnings("unchecked")
    private static Class<Statement> statementType(Statement statement) {
        Class<?> type = statement instanceof java.sql.CallableStatement
                ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return (Class<Statement>) type;
    }

    interface After {
        Object apply(Method method, Object[] args, Object result) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
