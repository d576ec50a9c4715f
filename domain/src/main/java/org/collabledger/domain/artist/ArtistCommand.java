package org.collabledger.domain.artist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Commands on an artist. */
public sealed interface ArtistCommand {

    /** Register a new member under a unique public handle. */
    record RegisterArtist(
            @TargetAggregateIdentifier String artistId, String handle, String displayName)
            implements ArtistCommand {}

    /**
     * Change an artist's public profile; the handle stays unique across artists. With {@code
     * expectedVersion}, refused unless the artist is still at that version (optimistic
     * concurrency).
     */
    record ChangeArtistProfile(
            @TargetAggregateIdentifier String artistId,
            String handle,
            String displayName,
            @TargetAggregateVersion Long expectedVersion)
            implements ArtistCommand {}

    /**
     * Record the artist's personal data, already encrypted under their key (the domain never sees
     * it in clear).
     */
    record ChangePersonalData(
            @TargetAggregateIdentifier String artistId,
            String ciphertext,
            @TargetAggregateVersion Long expectedVersion)
            implements ArtistCommand {}

    /** Forget the person behind the artist: no personal data may be recorded for them again. */
    record ForgetArtist(@TargetAggregateIdentifier String artistId, String reason)
            implements ArtistCommand {}
}
