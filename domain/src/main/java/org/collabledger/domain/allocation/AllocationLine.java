package org.collabledger.domain.allocation;

import org.collabledger.domain.shared.Fraction;

/** One artist's part of an allocation: the exact share and the whole minor units it rounds to. */
public record AllocationLine(String artistId, Fraction share, long amount) {}
