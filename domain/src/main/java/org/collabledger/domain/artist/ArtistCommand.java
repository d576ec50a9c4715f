package org.collabledger.domain.artist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an artist. */
public sealed interface ArtistCommand {

    /** Register a new member under a unique public handle. */
    record RegisterArtist(@TargetAggregateIdentifier String artistId, String handle, String displayName)
            implements ArtistCommand {
    }

    /** Change an artist's public profile; the handle stays unique across artists. */
    record ChangeArtistProfile(@TargetAggregateIdentifier String artistId, String handle, String displayName)
            implements ArtistCommand {
    }
}
