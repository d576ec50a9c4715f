package org.collabledger.domain.release;

/** Whether a money entry of a release is revenue (money in) or a cost (money out). */
public enum Entry {
    REVENUE,
    COST
}
