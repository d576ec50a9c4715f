package org.collabledger.domain.release;

import java.util.List;
import org.collabledger.domain.shared.Fraction;

/**
 * The attribution rules a release is governed by, recorded in its events so that a replay with
 * newer code gives the same numbers: the policy name (its version), the remix retention and the
 * waived artists.
 */
public record AttributionPolicy(String name, Fraction retention, List<String> waivedArtistIds) {

    /** The only policy so far: {@code attribution.md} §1. */
    public static final String LINEAGE_V1 = "lineage-v1";
}
