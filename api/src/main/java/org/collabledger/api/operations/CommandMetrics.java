package org.collabledger.api.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.collabledger.domain.shared.Refusal;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Times every command the HTTP edge sends, as {@code ledger.commands} (its latency buckets are set
 * with the other metrics' in {@code application.yml}), tagged by the command's type and its
 * outcome: {@code success}; {@code refused} when the ledger's rules or the request's own ids and
 * versions refused it; {@code conflict} when it lost a race to a concurrent change; {@code error}
 * for anything else, the ones to alert on.
 */
@Component
public class CommandMetrics {

    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code send}, which handles {@code command}, and records how long it took and how. */
    public <R> R timed(Object command, Supplier<R> send) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            R result = send.get();
            outcome = "success";
            return result;
        } catch (RuntimeException failed) {
            outcome = outcome(failed);
            throw failed;
        } finally {
            sample.stop(
                    Timer.builder("ledger.commands")
                            .description("commands sent from the HTTP edge, by type and outcome")
                            .tag("command", command.getClass().getSimpleName())
                            .tag("outcome", outcome)
                            .register(registry));
        }
    }

    private static String outcome(RuntimeException failed) {
        Throwable cause =
                failed instanceof CommandExecutionException && failed.getCause() != null
                        ? failed.getCause()
                        : failed;
        if (cause instanceof Refusal
                || cause instanceof ConflictingAggregateVersionException
                || cause instanceof AggregateNotFoundException) {
            return "refused";
        }
        if (cause instanceof ConcurrencyException
                || cause instanceof ConcurrencyFailureException
                || cause instanceof DuplicateKeyException) {
            return "conflict";
        }
        return "error";
    }
}
