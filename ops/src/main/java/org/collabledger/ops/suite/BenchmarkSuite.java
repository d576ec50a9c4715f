package org.collabledger.ops.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every benchmark and fault test, each in a JVM of its own (they need their own heap and end
 * with their own exit status), and writes {@code report.md} beside the load benchmark's plots: the
 * machine, then each part's printed figures as it printed them. {@code quick} shrinks every size
 * for a smoke run.
 */
public final class BenchmarkSuite {

    /** The collector flags this JVM runs with, which every part gets too. */
    private static final List<String> GC_FLAGS =
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(flag -> flag.startsWith("-XX:"))
                    .toList();

    /** One part of the suite: a title, the heap it needs, its main class and arguments. */
    private record Part(String title, String heap, String mainClass, List<String> arguments) {}

    private BenchmarkSuite() {}

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        Path out = Path.of(args.length > 1 ? args[1] : "target/report").toAbsolutePath();
        Files.createDirectories(out);
        List<Part> parts =
                List.of(
                        new Part(
                                "Lineage and attribution (issues 3 and 4)",
                                "1g",
                                "org.collabledger.ops.bench.LineageBenchmark",
                                List.of(quick ? "100000" : "1000000")),
                        new Part(
                                "Money (issue 5)",
                                "2g",
                                "org.collabledger.ops.bench.MoneyBenchmark",
                                List.of(quick ? "10000" : "100000")),
                        new Part(
                                "Tamper evidence (issue 6)",
                                "1g",
                                "org.collabledger.ops.bench.EvidenceBenchmark",
                                List.of(quick ? "500000" : "10000000")),
                        new Part(
                                "Load, baselines and projection lag (issue 9)",
                                "2g",
                                "org.collabledger.ops.load.LoadBenchmark",
                                List.of(quick ? "10" : "30", "8", out.toString())),
                        new Part(
                                "Kill -9 cycles (issue 9)",
                                "512m",
                                "org.collabledger.ops.fault.CrashRun",
                                List.of(quick ? "5" : "100", "both")),
                        new Part(
                                "Deterministic simulation (issue 9)",
                                "1g",
                                "org.collabledger.ops.sim.Simulation",
                                List.of("1", quick ? "2" : "20", quick ? "100" : "300")));
        StringBuilder report = new StringBuilder("# Benchmark report\n\n");
        report.append(
                String.format(
                        Locale.ROOT,
                        "Taken %s on %d cores, %d MiB of memory, %s %s, %s.%n%n",
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors(),
                        totalMemoryMiB(),
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.version"),
                        System.getProperty("os.name")));
        report.append(
                quick
                        ? "A quick run: every size shrunk; the figures are a smoke test, not the goals' measure.\n\n"
                        : "");
        for (Part part : parts) {
            System.out.println("== " + part.title());
            long started = System.nanoTime();
            List<String> lines = run(part);
            report.append("## ").append(part.title()).append("\n\n");
            if (part.mainClass().endsWith("LoadBenchmark")
                    && Files.exists(out.resolve("load.md"))) {
                report.append(Files.readString(out.resolve("load.md")))
                        .append('\n')
                        .append("![throughput over time](load-throughput.png)\n\n")
                        .append("![latency percentiles](load-latency.png)\n\n");
            }
            report.append("```\n");
            lines.forEach(line -> report.append(line).append('\n'));
            report.append(
                    String.format(
                            Locale.ROOT, "```%n(%.0f s)%n%n", (System.nanoTime() - started) / 1e9));
            Files.writeString(out.resolve("report.md"), report.toString());
        }
        System.out.println("report: " + out.resolve("report.md"));
    }

    /** Runs one part and returns the lines it printed, without the frameworks' log lines. */
    private static List<String> run(Part part) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx" + part.heap(),
                                "-Daxoniq.update-checker.disabled=true",
                                "-cp",
                                System.getProperty("java.class.path"),
                                part.mainClass()));
        // Each part runs on the suite's own collector settings (ops/pom.xml bench.gc, the
        // deployment's).
        command.addAll(1, GC_FLAGS);
        command.addAll(part.arguments());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (!line.matches("^(\\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}T|\\s+at |\\[).*")
                        && !line.isBlank()) {
                    System.out.println(line);
                    lines.add(line);
                }
            }
        }
        lines.add("exit status " + process.waitFor());
        return lines;
    }

    private static long totalMemoryMiB() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize()
                >> 20;
    }
}
