package org.collabledger.domain.artist;

import org.collabledger.domain.shared.EventType;

/** Facts about an artist. */
public sealed interface ArtistEvent {

    String artistId();

    /** A member joined with a public handle and display name. */
    @EventType(name = "artist.registered")
    record ArtistRegistered(String artistId, String handle, String displayName)
            implements ArtistEvent {}

    /** A member's public profile now reads as given. */
    @EventType(name = "artist.profile-changed")
    record ArtistProfileChanged(String artistId, String handle, String displayName)
            implements ArtistEvent {}

    /**
     * The artist's personal data (legal name, e-mail, payout details, tax country) now reads as the
     * ciphertext holds it: encrypted under a key of this artist's kept outside the event store, so
     * that deleting the key erases the data without touching the event.
     */
    @EventType(name = "artist.personal-data-changed")
    record ArtistPersonalDataChanged(String artistId, String ciphertext) implements ArtistEvent {}

    /**
     * The person asked to be forgotten: their key is deleted, and their personal data reads as
     * erased from now on.
     */
    @EventType(name = "artist.forgotten")
    record ArtistForgotten(String artistId, String reason) implements ArtistEvent {}
}
