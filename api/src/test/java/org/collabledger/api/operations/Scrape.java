package org.collabledger.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.collabledger.api.support.LedgerHttp;

/** One scrape of the Prometheus endpoint, read sample by sample. */
record Scrape(List<String> lines) {

    /** Scrapes the management server on {@code managementPort}, as Prometheus does: no sign-in. */
    static Scrape of(int managementPort) {
        LedgerHttp.Response answer =
                LedgerHttp.on(managementPort, null).get("/actuator/prometheus");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain");
        return new Scrape(answer.raw().body().lines().toList());
    }

    /** The samples of {@code name} that carry every one of {@code labels} ({@code key="value"}). */
    List<String> samples(String name, String... labels) {
        return lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .toList();
    }

    /** The value of the one sample of {@code name} with {@code labels}; 0 when there is none. */
    double value(String name, String... labels) {
        List<String> samples = samples(name, labels);
        assertThat(samples).as(name + " " + List.of(labels)).hasSizeLessThanOrEqualTo(1);
        if (samples.isEmpty()) {
            return 0;
        }
        String sample = samples.get(0);
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
}
