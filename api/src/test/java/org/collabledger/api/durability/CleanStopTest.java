package org.collabledger.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default, stopped as a service manager or {@code docker stop} stops it (SIGTERM),
 * ends cleanly: the JVM's exit status for SIGTERM (143), no error logged, and no H2 trace file with
 * a stack trace left beside the database. The ledger runs in a JVM of its own, in a folder of its
 * own, with nothing set but its ports and JSON logs, which the one setting turns on for every line
 * it writes.
 */
class CleanStopTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path folder;

    @Test
    void aStopBySigtermLeavesNoStackTraceAndEveryLineLoggedIsJson() throws Exception {
        int port = freePort();
        int management = freePort();
        Path console = folder.resolve("console.log");
        Process ledger =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                LedgerApplication.class.getName(),
                                "--server.port=" + port,
                                "--management.server.port=" + management,
                                "--logging.structured.format.console=ecs")
                        .directory(folder.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(console.toFile())
                        .start();
        try {
            awaitReady(ledger, management);
            new Scenario(port).artist("stopping");
        } finally {
            ledger.destroy();
        }
        assertThat(ledger.waitFor(2, TimeUnit.MINUTES)).as("stopped in time").isTrue();

        List<String> lines = Files.readAllLines(console);
        assertThat(ledger.exitValue()).as(String.join("\n", lines)).isEqualTo(143);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode logged = JSON.readTree(line);
            assertThat(logged.has("@timestamp")).as(line).isTrue();
            assertThat(logged.path("log").path("level").asText())
                    .as(line)
                    .isIn("TRACE", "DEBUG", "INFO", "WARN");
            assertThat(logged.has("error")).as(line).isFalse();
        }
        assertThat(folder.resolve("data/ledger.mv.db")).exists();
        assertThat(folder.resolve("data/ledger.trace.db")).doesNotExist();
    }

    private static void awaitReady(Process ledger, int management) throws InterruptedException {
        LedgerHttp probe = LedgerHttp.on(management, null);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            assertThat(ledger.isAlive()).as("the ledger runs").isTrue();
            assertThat(System.nanoTime()).as("ready in time").isLessThan(deadline);
            try {
                if (probe.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // The management server starts with the application; until then, ask again.
            }
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
