package org.collabledger.api.projections;

import java.util.List;
import java.util.Set;

/**
 * Tells positions with no event whose units of work rolled back or died, and so will never hold one, from
 * positions whose units of work may still commit; the event store's wiring knows which units of work can be
 * appending.
 */
public interface Abandonment {

    /** For stores without gaps, or where nothing can tell: a gap is only ever passed after the gap timeout. */
    Abandonment UNKNOWN = new Abandonment() {
        @Override
        public Object mark() {
            return "unknown";
        }

        @Override
        public Set<Long> abandoned(Object mark, List<Long> positions) {
            return Set.of();
        }
    };

    /** A mark of the units of work that may be appending now, taken after the gaps it is for were seen. */
    Object mark();

    /**
     * Those of {@code positions} that have no event, if no unit of work that could append at {@code mark} is
     * still open (then they never will); none while one may be.
     */
    Set<Long> abandoned(Object mark, List<Long> positions);
}
