package org.collabledger.api.money;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.domain.treasury.Treasury;
import org.collabledger.domain.treasury.TreasuryEvent.AdjustmentRecorded;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The money checks read whatever the event store holds, including amounts a ledger accepted before
 * it kept its totals within {@code Money.LIMIT}: they add them exactly instead of failing.
 */
class ExactChecksHttpTest extends H2Ledger {

    @Autowired EventStore events;

    @Test
    void theMoneyChecksAddStoredAmountsExactlyEvenPastALong() {
        String treasury = Treasury.idOf("CHF");
        for (int sequence = 0; sequence < 2; sequence++) {
            events.publish(
                    new GenericDomainEventMessage<>(
                            "Treasury",
                            treasury,
                            sequence,
                            new AdjustmentRecorded(
                                    treasury,
                                    "CHF",
                                    UUID.randomUUID().toString(),
                                    UUID.randomUUID().toString(),
                                    Long.MAX_VALUE,
                                    "stored before the limit",
                                    UUID.randomUUID().toString())));
        }
        caughtUp();

        LedgerHttp.Response checks = auditor.get("/api/ledger/checks");
        assertThat(checks.status()).as(checks.toString()).isEqualTo(200);
        JsonNode chf = checks.json().path("currencies").get(0);
        BigInteger twice = BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1);
        assertThat(chf.path("currency").asText()).isEqualTo("CHF");
        assertThat(chf.path("adjustments").bigIntegerValue()).isEqualTo(twice);
        assertThat(chf.path("balances").bigIntegerValue()).isEqualTo(twice);
        assertThat(chf.path("invariantHolds").asBoolean()).as(checks.toString()).isTrue();
    }
}
