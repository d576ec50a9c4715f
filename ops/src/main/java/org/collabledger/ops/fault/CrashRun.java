package org.collabledger.ops.fault;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.collabledger.ops.Scratch;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The kill -9 harness from the command line: {@code CrashRun [cycles] [postgres|h2|both]} runs that
 * many cycles against the executable jar on each store and prints what survived. Exit status 0 when
 * nothing acknowledged was lost or duplicated.
 */
public final class CrashRun {

    private CrashRun() {}

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        String which = args.length > 1 ? args[1] : "both";
        Path jar = jar();
        boolean kept = true;
        if (!which.equals("h2")) {
            // The embedded server turns synchronous_commit off; an acknowledged commit must be
            // durable here.
            try (EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder()
                            .setServerConfig("synchronous_commit", "on")
                            .start()) {
                CrashCycles.Outcome outcome =
                        new CrashCycles(jar, postgres(postgres), freePort()).run(cycles, 4, 1);
                System.out.println(CrashCycles.describe("PostgreSQL", outcome));
                kept &= outcome.kept();
            }
        }
        if (!which.equals("postgres")) {
            Scratch directory = Scratch.create("ledger-crash");
            CrashCycles.Outcome outcome =
                    new CrashCycles(jar, h2(directory.path()), freePort()).run(cycles, 4, 2);
            System.out.println(CrashCycles.describe("H2 file (the embedded default)", outcome));
            kept &= outcome.kept();
            if (outcome.kept()) {
                directory.close();
            } else {
                // Kept: the store as the cycles left it, to look up what went missing.
                System.out.println("H2 store kept in " + directory.path());
            }
        }
        System.exit(kept ? 0 : 2);
    }

    /** The child on an embedded PostgreSQL server that outlives it. */
    public static CrashCycles.Store postgres(EmbeddedPostgres postgres) {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        List<String> arguments =
                List.of(
                        "--spring.profiles.active=postgres",
                        "--spring.datasource.url=" + url + "&reWriteBatchedInserts=true",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres");
        return new CrashCycles.Store(
                "PostgreSQL",
                arguments,
                arguments,
                Path.of(System.getProperty("java.io.tmpdir")),
                new DriverManagerDataSource(url, "postgres", "postgres"));
    }

    /**
     * The child on the embedded default exactly as configured (./data/ledger), run inside {@code
     * directory}.
     */
    public static CrashCycles.Store h2(Path directory) {
        String file = "jdbc:h2:file:" + directory.resolve("data").resolve("ledger");
        // In this JVM the working directory is not the child's, so the same file is named by its
        // whole path.
        return new CrashCycles.Store(
                "H2",
                List.of(),
                List.of(
                        "--spring.datasource.url="
                                + file
                                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"),
                directory,
                new DriverManagerDataSource(file, "sa", ""));
    }

    /** The executable jar of the api module, built by {@code install} or {@code package}. */
    public static Path jar() {
        for (Path candidate :
                List.of(
                        Path.of("api/target/ledger-api-0.1.0-SNAPSHOT-exec.jar"),
                        Path.of("../api/target/ledger-api-0.1.0-SNAPSHOT-exec.jar"))) {
            if (Files.exists(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("build the ledger first: ./mvnw -B -q -DskipTests install");
    }

    public static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
