package org.collabledger.domain.allocation;

/** What an artist says about a payment proposal. */
public enum Claim {
    OMITTED,
    TOO_LOW,
    TOO_HIGH
}
