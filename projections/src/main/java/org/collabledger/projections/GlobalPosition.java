package org.collabledger.projections;

import org.axonframework.eventhandling.TrackingToken;

/**
 * The global ledger position of the event a projection is handling: what every as-of answer is
 * keyed by.
 */
public final class GlobalPosition {

    private GlobalPosition() {}

    /**
     * The event's global position, which is its token's: events are numbered in the order they
     * became visible, so a processor meets them in position order. A token without a position
     * cannot key an as-of read model, so it fails loudly.
     */
    public static long of(TrackingToken token) {
        return token.position()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "a projection needs a token with a global position, got "
                                                + token));
    }
}
