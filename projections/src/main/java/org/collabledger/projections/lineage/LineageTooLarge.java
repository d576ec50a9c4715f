package org.collabledger.projections.lineage;

/** A lineage answer would hold more records than the caller allowed; ask to a depth instead. */
public class LineageTooLarge extends RuntimeException {

    private final int limit;

    public LineageTooLarge(int limit) {
        super(
                "the answer holds more than "
                        + limit
                        + " records; ask for a smaller depth or a larger limit",
                null,
                false,
                false);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
