package org.collabledger.domain.artist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.collabledger.domain.artist.ArtistCommand.ChangeArtistProfile;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;

/** A member of the community: the one who creates records and is paid for them. */
public class Artist {

    static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9_.-]{1,31}");

    @AggregateIdentifier
    private String artistId;
    private String handle;
    private String displayName;

    protected Artist() {
    }

    @CommandHandler
    public Artist(RegisterArtist command, LedgerCatalog catalog) {
        String id = Text.id(command.artistId(), "artistId");
        String handle = handle(command.handle());
        requireHandleFree(handle, id, catalog);
        apply(new ArtistRegistered(id, handle, Text.required(command.displayName(), "displayName", 100)));
    }

    @CommandHandler
    public void handle(ChangeArtistProfile command, LedgerCatalog catalog) {
        String newHandle = command.handle() == null ? handle : handle(command.handle());
        String newName = command.displayName() == null
                ? displayName : Text.required(command.displayName(), "displayName", 100);
        requireHandleFree(newHandle, artistId, catalog);
        if (!newHandle.equals(handle) || !newName.equals(displayName)) {
            apply(new ArtistProfileChanged(artistId, newHandle, newName));
        }
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

    private static String handle(String raw) {
        String handle = Text.required(raw, "handle", 32).toLowerCase(Locale.ROOT);
        Refusal.require(HANDLE.matcher(handle).matches(), ErrorCode.INVALID_INPUT, "handle",
                "handle must be 2-32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        return handle;
    }

    private static void requireHandleFree(String handle, String artistId, LedgerCatalog catalog) {
        catalog.artistByHandle(handle).filter(owner -> !owner.equals(artistId)).ifPresent(owner -> {
            throw new Refusal(ErrorCode.HANDLE_TAKEN, "handle", "handle '" + handle + "' is already taken");
        });
    }
}
