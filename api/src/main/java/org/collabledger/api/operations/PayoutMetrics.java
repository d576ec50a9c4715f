package org.collabledger.api.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentIssued;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the payments this node issues, by currency only ({@code ledger.payouts.issued} and their
 * sum in minor units, {@code ledger.payouts.issued.amount}), once their transaction has committed:
 * a payout run that rolls back issued nothing. No artist appears in any tag; an artist's money is
 * shown only where {@code MoneyVisibility} allows.
 */
@Component
public class PayoutMetrics {

    private final MeterRegistry registry;

    public PayoutMetrics(EventStore events, MeterRegistry registry) {
        this.registry = registry;
        events.registerDispatchInterceptor(
                messages ->
                        (index, message) -> {
                            if (message.getPayload() instanceof PaymentIssued issued) {
                                afterCommit(issued);
                            }
                            return message;
                        });
    }

    private void afterCommit(PaymentIssued issued) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count(issued);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        count(issued);
                    }
                });
    }

    private void count(PaymentIssued issued) {
        Counter.builder("ledger.payouts.issued")
                .description("payments issued by this node since it started")
                .tag("currency", issued.currency())
                .register(registry)
                .increment();
        Counter.builder("ledger.payouts.issued.amount")
                .description(
                        "sum of the payments issued by this node since it started, in minor units")
                .tag("currency", issued.currency())
                .register(registry)
                .increment(issued.amount());
    }
}
