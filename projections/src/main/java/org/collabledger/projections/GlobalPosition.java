package org.collabledger.projections;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

/** The global ledger position of the event a projection is handling: what every as-of answer is keyed by. */
public final class GlobalPosition {

    /**
     * Metadata the JDBC engine adds, when reading, to an event that committed after events above it had been
     * read: its own global index. Such an event arrives with a token that stays at the highest index read, so
     * a fact keyed by the token would sit higher than the same fact after a rebuild, which reads every event
     * in order. It is never stored.
     */
    public static final String LATE_COMMIT = "ledgerLateCommitPosition";

    private GlobalPosition() {
    }

    /**
     * The event's own global position: the one a late commit carries, else the token's. A token without a
     * position cannot key an as-of read model, so it fails loudly.
     */
    public static long of(TrackingToken token, EventMessage<?> message) {
        Object late = message.getMetaData().get(LATE_COMMIT);
        if (late instanceof Number position) {
            return position.longValue();
        }
        return token.position().orElseThrow(() ->
                new IllegalStateException("a projection needs a token with a global position, got " + token));
    }
}
