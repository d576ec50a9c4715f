package org.collabledger.api.web.statements;

import java.time.Instant;
import java.util.List;

/**
 * One artist's statement in one currency for {@code [from, to)} (attribution.md §7): the opening
 * balance, every line in ledger order, the closing balance. Every amount is given twice: exact, as
 * an integer of minor units, and as a decimal string of major units with as many decimals as the
 * currency's minor unit has digits ({@code minorUnitDigits}: 2 for USD, 0 for JPY, 3 for BHD).
 *
 * @param artistHandle absent for an artist never registered or forgotten
 * @param artistDisplayName absent for an artist never registered or forgotten
 * @param artistErased true once the artist was forgotten: the names read as erased
 * @param asOf the ledger position the statement answers at
 */
public record ArtistStatement(
        String artistId,
        String artistHandle,
        String artistDisplayName,
        boolean artistErased,
        String currency,
        int minorUnitDigits,
        Instant from,
        Instant to,
        long asOf,
        long openingBalance,
        String openingBalanceMajor,
        List<ArtistStatementLine> lines,
        long closingBalance,
        String closingBalanceMajor) {}
