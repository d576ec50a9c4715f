package org.collabledger.api.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sealer's pace: how often it seals new events ({@code interval}; zero turns the background sealer
 * off), and how long a position with no event must stay empty before the seal passes it
 * ({@code gapTimeout}) when the store cannot tell that its unit of work ended; this must exceed the longest
 * unit of work, or a late commit below the sealed head is reported as inserted.
 */
@ConfigurationProperties("ledger.seal")
public record SealProperties(@DefaultValue("1s") Duration interval, @DefaultValue("60s") Duration gapTimeout) {
}
