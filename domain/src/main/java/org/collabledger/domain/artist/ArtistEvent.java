package org.collabledger.domain.artist;

import org.collabledger.domain.shared.EventType;

/** Facts about an artist. */
public sealed interface ArtistEvent {

    String artistId();

    /** A member joined with a public handle and display name. */
    @EventType(name = "artist.registered")
    record ArtistRegistered(String artistId, String handle, String displayName) implements ArtistEvent {
    }

    /** A member's public profile now reads as given. */
    @EventType(name = "artist.profile-changed")
    record ArtistProfileChanged(String artistId, String handle, String displayName) implements ArtistEvent {
    }
}
