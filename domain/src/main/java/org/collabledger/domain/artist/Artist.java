package org.collabledger.domain.artist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.collabledger.domain.artist.ArtistCommand.ChangeArtistProfile;
import org.collabledger.domain.artist.ArtistCommand.ChangePersonalData;
import org.collabledger.domain.artist.ArtistCommand.ForgetArtist;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.artist.ArtistEvent.ArtistForgotten;
import org.collabledger.domain.artist.ArtistEvent.ArtistPersonalDataChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;

/** A member of the community: the one who creates records and is paid for them. */
public class Artist {

    static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9_.-]{1,31}");

    @AggregateIdentifier private String artistId;
    private String handle;
    private String displayName;
    private boolean forgotten;

    protected Artist() {}

    @CommandHandler
    public Artist(RegisterArtist command, LedgerCatalog catalog) {
        String id = Text.id(command.artistId(), "artistId");
        String handle = handle(command.handle());
        requireHandleFree(handle, id, catalog);
        apply(
                new ArtistRegistered(
                        id, handle, Text.required(command.displayName(), "displayName", 100)));
    }

    @CommandHandler
    public void handle(ChangeArtistProfile command, LedgerCatalog catalog) {
        String newHandle = command.handle() == null ? handle : handle(command.handle());
        String newName =
                command.displayName() == null
                        ? displayName
                        : Text.required(command.displayName(), "displayName", 100);
        requireHandleFree(newHandle, artistId, catalog);
        if (!newHandle.equals(handle) || !newName.equals(displayName)) {
            apply(new ArtistProfileChanged(artistId, newHandle, newName));
        }
    }

    @CommandHandler
    public void handle(ChangePersonalData command) {
        Refusal.require(
                !forgotten,
                ErrorCode.ARTIST_FORGOTTEN,
                "artistId",
                "artist " + artistId + " was forgotten; no personal data may be recorded for them");
        // Base64 of at least an IV and a tag; the plaintext's limits are checked before encryption.
        String ciphertext = Text.required(command.ciphertext(), "ciphertext", 8_192);
        Refusal.require(
                ciphertext.matches("[A-Za-z0-9+/]{40,}={0,2}"),
                ErrorCode.INVALID_INPUT,
                "ciphertext",
                "ciphertext must be base64");
        apply(new ArtistPersonalDataChanged(artistId, ciphertext));
    }

    @CommandHandler
    public void handle(ForgetArtist command) {
        Refusal.require(
                !forgotten,
                ErrorCode.ARTIST_FORGOTTEN,
                "artistId",
                "artist " + artistId + " was already forgotten");
        apply(new ArtistForgotten(artistId, Text.paragraph(command.reason(), "reason", 500)));
    }

    @EventSourcingHandler
    void on(ArtistRegistered event) {
        artistId = event.artistId();
        handle = event.handle();
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(ArtistProfileChanged event) {
        handle = event.handle();
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(ArtistForgotten event) {
        forgotten = true;
    }

    private static String handle(String raw) {
        String handle = Text.required(raw, "handle", 32).toLowerCase(Locale.ROOT);
        Refusal.require(
                HANDLE.matcher(handle).matches(),
                ErrorCode.INVALID_INPUT,
                "handle",
                "handle must be 2-32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        return handle;
    }

    private static void requireHandleFree(String handle, String artistId, LedgerCatalog catalog) {
        catalog.artistByHandle(handle)
                .filter(owner -> !owner.equals(artistId))
                .ifPresent(
                        owner -> {
                            throw new Refusal(
                                    ErrorCode.HANDLE_TAKEN,
                                    "handle",
                                    "handle '" + handle + "' is already taken");
                        });
    }
}
