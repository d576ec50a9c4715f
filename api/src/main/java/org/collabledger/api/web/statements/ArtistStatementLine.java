package org.collabledger.api.web.statements;

import java.time.Instant;

/**
 * One line of a statement: the event that changed the artist's balance (or, for a deferral, kept
 * it), with amounts in minor units and in major units of {@code currency}.
 *
 * @param kind ALLOCATION, ADJUSTMENT, PAYMENT, DEFERRAL, PAYMENT_FAILED or PAYMENT_REVERSED
 * @param releaseTitle the title of the release an allocation paid for; absent on other lines
 * @param share the artist's exact share of the pool, {@code "numerator/denominator"}; absent on
 *     lines other than allocations
 * @param sharePercent the share as a percentage with four decimals, for display: the one that the
 *     allocation's largest-remainder split of 100.0000 among all its artists gives this artist
 *     (attribution.md §2), so the percentages of one allocation sum to exactly 100; the exact share
 *     is the truth
 * @param proof where to fetch the proof that the line's event is in the ledger
 */
public record ArtistStatementLine(
        long position,
        String eventId,
        Instant date,
        String kind,
        String currency,
        long amount,
        String amountMajor,
        long balanceAfter,
        String balanceAfterMajor,
        String releaseId,
        String releaseTitle,
        String allocationId,
        String paymentId,
        String share,
        String sharePercent,
        Long pool,
        String poolMajor,
        String proof) {}
