package org.coordinatedcare.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the statements the application sends to the database (a batch counts once, as it is one round trip) and the
 * commits, by wrapping the DataSource. Unlike a time, the count does not drift with the load on a shared machine, so
 * it shows a change in the work itself.
 */
final class RoundTrips implements BeanPostProcessor {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    final AtomicLong statements = new AtomicLong();
    final AtomicLong commits = new AtomicLong();

    /** Per-pathway figures since a reading of {statements, commits}. */
    PathwayBenchmark.Trips since(long[] start, int pathways) {
        return new PathwayBenchmark.Trips((double) (statements.get() - start[0]) / pathways,
                (double) (commits.get() - start[1]) / pathways);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource ? wrap(dataSource) : bean;
    }

    private DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, result) -> result instanceof Connection connection
                ? proxy(Connection.class, connection, this::onConnection) : result);
    }

    private Object onConnection(Method method, Object result) {
        if (method.getName().equals("commit")) {
            commits.incrementAndGet();
        }
        return result instanceof Statement statement ? proxy(statementType(statement), statement, (m, r) -> {
            if (EXECUTIONS.contains(m.getName())) {
                statements.incrementAndGet();
            }
            return r;
        }) : result;
    }

    @SuppressWarnings("unchecked")
    private static Class<Statement> statementType(Statement statement) {
        Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return (Class<Statement>) type;
    }

    interface After {
        Object apply(Method method, Object result) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
