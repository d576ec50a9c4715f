package org.collabledger.ops.load;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CPU time spent by this process and by the PostgreSQL server beside it, so a benchmark can say
 * what one command costs each side. On two cores the sum per command bounds the rate: 2 s of CPU
 * per second divided by it. The server is found through its {@code postmaster.pid} and measured
 * through Linux's {@code /proc}; a server on another machine, or an embedded H2 (which runs inside
 * this process), has no server figure.
 */
final class CpuMeter {

    /** CPU nanoseconds spent so far; {@code server} is negative when the server is not measured. */
    record Sample(long process, long server) {}

    /**
     * Linux reports process times in USER_HZ ticks, 100 per second on every architecture Java runs
     * on here.
     */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Long postmaster;

    private CpuMeter(Long postmaster) {
        this.postmaster = postmaster;
    }

    /**
     * A meter for this process and, when {@code dataSource} is a PostgreSQL server on this machine,
     * for it.
     */
    static CpuMeter of(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                return new CpuMeter(null);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet directory = statement.executeQuery("show data_directory")) {
                directory.next();
                Path pidFile = Path.of(directory.getString(1), "postmaster.pid");
                // Only when this user can read the server's directory, which holds for the embedded
                // server.
                if (!Files.isReadable(pidFile) || !Files.isReadable(Path.of("/proc/self/stat"))) {
                    return new CpuMeter(null);
                }
                try (Stream<String> lines = Files.lines(pidFile)) {
                    return new CpuMeter(lines.findFirst().map(Long::parseLong).orElse(null));
                }
            }
        } catch (java.io.IOException e) {
            return new CpuMeter(null);
        }
    }

    /**
     * This process's CPU time, and the server's: its postmaster, every process under it now (the
     * backends, the WAL writer, the checkpointer), and those under it that have ended (autovacuum
     * workers, closed connections), which Linux adds to the postmaster's children's time once it
     * has reaped them.
     */
    Sample sample() {
        long process =
                ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime();
        if (postmaster == null) {
            return new Sample(process, -1);
        }
        long live =
                ProcessHandle.of(postmaster).stream()
                        .flatMap(ProcessHandle::descendants)
                        .map(handle -> handle.info().totalCpuDuration())
                        .flatMap(Optional::stream)
                        .mapToLong(Duration::toNanos)
                        .sum();
        return new Sample(process, live + postmasterWithReapedChildren());
    }

    /** utime, stime, cutime and cstime of /proc/[pid]/stat, fields 14 to 17, in nanoseconds. */
    private long postmasterWithReapedChildren() {
        try {
            String stat = Files.readString(Path.of("/proc", postmaster.toString(), "stat"));
            // The command name, in parentheses, may hold spaces; the fields are counted after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(fields[field - 3]);
            }
            return ticks * NANOS_PER_TICK;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
