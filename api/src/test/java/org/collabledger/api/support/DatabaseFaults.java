package org.collabledger.api.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's database with failures a test arms at the JDBC boundary: the next statement
 * that writes a table is refused, or the commits of the next transactions that wrote a table fail
 * (nothing of them is kept: the transaction manager then rolls them back). {@code @Import} it into
 * a test's context and autowire it.
 */
public class DatabaseFaults implements BeanPostProcessor {

    private volatile String refusedTable;
    private volatile String failedCommitTable;
    private final AtomicInteger commitsToFail = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();

    /** The next statement inserting into or updating {@code table} is refused. */
    public void refuseNextWriteOf(String table) {
        refusedTable = table.toLowerCase(Locale.ROOT);
    }

    /** The next {@code count} transactions that wrote {@code table} fail to commit. */
    public void failCommitsWriting(String table, int count) {
        failedCommitTable = table.toLowerCase(Locale.ROOT);
        commitsToFail.set(count);
    }

    /** Commits succeed again. */
    public void stopFailingCommits() {
        commitsToFail.set(0);
    }

    /** How many failures were injected so far. */
    public int injected() {
        return injected.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof Faulty)
                ? new Faulty(dataSource)
                : bean;
    }

    private static boolean writes(String sql, String table) {
        String statement = sql.strip().toLowerCase(Locale.ROOT);
        return table != null
                && (statement.startsWith("insert into " + table + " ")
                        || statement.startsWith("update " + table + " "));
    }

    private final class Faulty extends DelegatingDataSource {

        Faulty(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return faulty(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return faulty(super.getConnection(username, password));
        }

        private Connection faulty(Connection connection) {
            boolean[] wroteTable = {false};
            return (Connection)
                    Proxy.newProxyInstance(
                            Connection.class.getClassLoader(),
                            new Class<?>[] {Connection.class},
                            (proxy, method, arguments) -> {
                                switch (method.getName()) {
                                    case "equals" -> {
                                        return proxy == arguments[0];
                                    }
                                    case "hashCode" -> {
                                        return System.identityHashCode(proxy);
                                    }
                                    case "prepareStatement" -> {
                                        String sql = (String) arguments[0];
                                        if (writes(sql, refusedTable)) {
                                            refusedTable = null;
                                            injected.incrementAndGet();
                                            throw new SQLException(
                                                    "injected: the database refuses " + sql,
                                                    "08006");
                                        }
                                        wroteTable[0] |= writes(sql, failedCommitTable);
                                    }
                                    case "commit" -> {
                                        boolean fail =
                                                wroteTable[0]
                                                        && commitsToFail.getAndUpdate(
                                                                        left ->
                                                                                Math.max(
                                                                                        0,
                                                                                        left - 1))
                                                                > 0;
                                        wroteTable[0] = false;
                                        if (fail) {
                                            injected.incrementAndGet();
                                            throw new SQLException(
                                                    "injected: the commit failed", "08006");
                                        }
                                    }
                                    case "rollback" -> wroteTable[0] = false;
                                    default -> {}
                                }
                                try {
                                    return method.invoke(connection, arguments);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
        }
    }
}
