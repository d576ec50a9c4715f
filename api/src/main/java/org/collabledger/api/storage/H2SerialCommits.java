package org.collabledger.api.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * On an H2 file, one commit or rollback at a time in this process. H2 (2.3.232) writes its file by
 * taking each table's and index's current state one after another, while other transactions go on;
 * a commit that another thread's write catches half-way, killed before its own write, comes back
 * after a restart half-applied (in a hundred kill -9 cycles of {@code ops CrashRun h2}, a command's
 * event and catalog row without its idempotency record). Held around each call that ends a
 * transaction, the lock keeps every write of the file that a commit makes out of every other
 * commit. PostgreSQL and in-memory H2 are left alone.
 *
 * <p>It asks the data source it wraps which store it is ({@link StoreKind#of}), when Spring hands
 * it over: the {@link StoreKind} bean the rest of the ledger uses is read through the wrapper, so
 * it cannot exist yet.
 */
@Component
public class H2SerialCommits implements BeanPostProcessor {

    /**
     * One for the process: every context on the same file shares H2's one store. Not fair: in the
     * H2 runs of the load benchmark (one each) a fair lock cut the single-event rate from 2,031/s
     * to 1,514/s and more than doubled the HTTP mix's p99, for a lower single-event p99 (16.0 ms
     * against 40.3 ms).
     */
    static final ReentrantLock LOCK = new ReentrantLock();

    /**
     * The calls that end a transaction and so make H2 write its file (closing rolls back what is
     * left open).
     */
    private static final Set<String> ENDING =
            Set.of("commit", "rollback", "setAutoCommit", "close");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource
                        && !(bean instanceof Serial)
                        && StoreKind.of(dataSource) == StoreKind.H2_FILE
                ? new Serial(dataSource)
                : bean;
    }

    /** The data source whose connections end transactions under {@link #LOCK}. */
    static final class Serial extends DelegatingDataSource {

        Serial(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return serial(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return serial(super.getConnection(username, password));
        }

        private static Connection serial(Connection connection) {
            return (Connection)
                    Proxy.newProxyInstance(
                            Connection.class.getClassLoader(),
                            new Class<?>[] {Connection.class},
                            (proxy, method, arguments) -> {
                                if (method.getName().equals("equals")) {
                                    return proxy == arguments[0];
                                }
                                if (method.getName().equals("hashCode")) {
                                    return System.identityHashCode(proxy);
                                }
                                boolean ending = ENDING.contains(method.getName());
                                if (ending) {
                                    LOCK.lock();
                                }
                                try {
                                    return method.invoke(connection, arguments);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                } finally {
                                    if (ending) {
                                        LOCK.unlock();
                                    }
                                }
                            });
        }
    }
}
