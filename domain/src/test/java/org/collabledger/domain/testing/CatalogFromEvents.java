package org.collabledger.domain.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.collabledger.domain.artist.ArtistEvent;
import org.collabledger.domain.artist.ArtistEvent.ArtistForgotten;
import org.collabledger.domain.artist.ArtistEvent.ArtistPersonalDataChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.collaboration.CollaborationEvent;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.RecordEvent.CitationAdded;
import org.collabledger.domain.record.RecordEvent.CitationRemoved;
import org.collabledger.domain.record.RecordEvent.RecordRemixed;
import org.collabledger.domain.record.RecordEvent.RecordTakenDown;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;
import org.collabledger.domain.release.ReleaseEvent;

/**
 * The {@link LedgerCatalog} port answered from the same events the fixtures are given, the way the
 * storage wiring answers it from tables written with the events. Not a mock: every answer is
 * derived from history. Single-threaded, so the locks only note that they were asked for.
 */
public final class CatalogFromEvents implements LedgerCatalog {

    private final Map<String, String> handleByArtist = new HashMap<>();
    private final Map<String, RecordState> records = new HashMap<>();
    private final Map<String, Set<String>> resourcesByRecord = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /**
     * Applies {@code events} in order and returns them, so one history feeds both the catalog and a
     * fixture: {@code fixture.given(catalog.given(...))}. Events of releases and collaborations are
     * accepted and ignored because the port says nothing about them; anything else is a mistake in
     * the test and fails loudly.
     */
    public List<Object> given(Object... events) {
        for (Object event : events) {
            apply(event);
        }
        return List.of(events);
    }

    /**
     * The port calls made so far, in order, e.g. {@code lockLineage} or {@code lockRecords(a,b)}
     * (ids sorted).
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public boolean artistExists(String artistId) {
        calls.add("artistExists(" + artistId + ")");
        return handleByArtist.containsKey(artistId);
    }

    @Override
    public Optional<String> artistByHandle(String handle) {
        calls.add("artistByHandle(" + handle + ")");
        return handleByArtist.entrySet().stream()
                .filter(entry -> entry.getValue().equals(handle))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public Map<String, RecordState> lockRecords(Collection<String> recordIds) {
        calls.add("lockRecords(" + String.join(",", new TreeSet<>(recordIds)) + ")");
        var known = new LinkedHashMap<String, RecordState>();
        for (String recordId : recordIds) {
            RecordState state = records.get(recordId);
            if (state != null) {
                known.put(recordId, state);
            }
        }
        return known;
    }

    @Override
    public void lockRecordExclusively(String recordId) {
        calls.add("lockRecordExclusively(" + recordId + ")");
    }

    @Override
    public void lockLineage() {
        calls.add("lockLineage");
    }

    @Override
    public boolean reaches(String recordId, String ancestorId) {
        calls.add("reaches(" + recordId + "," + ancestorId + ")");
        var seen = new HashSet<String>();
        var pending = new ArrayDeque<String>(List.of(recordId));
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            if (current.equals(ancestorId)) {
                return true;
            }
            if (seen.add(current)) {
                pending.addAll(resourcesByRecord.getOrDefault(current, Set.of()));
            }
        }
        return false;
    }

    private void apply(Object event) {
        if (event instanceof ArtistRegistered registered) {
            requireNew(handleByArtist.containsKey(registered.artistId()), event);
            handleByArtist.put(registered.artistId(), registered.handle());
        } else if (event instanceof ArtistProfileChanged changed) {
            requireKnown(handleByArtist.containsKey(changed.artistId()), event);
            handleByArtist.put(changed.artistId(), changed.handle());
        } else if (event instanceof RecordUploaded uploaded) {
            addRecord(uploaded.recordId(), uploaded.creatorId(), List.of(), event);
        } else if (event instanceof RecordRemixed remixed) {
            addRecord(remixed.recordId(), remixed.creatorId(), remixed.resources(), event);
        } else if (event instanceof RecordTakenDown takenDown) {
            RecordState state = records.get(takenDown.recordId());
            requireKnown(state != null, event);
            records.put(
                    state.recordId(), new RecordState(state.recordId(), state.creatorId(), true));
        } else if (event instanceof CitationAdded added) {
            requireKnown(
                    records.containsKey(added.recordId())
                            && records.containsKey(added.citation().resourceId()),
                    event);
            resourcesByRecord.get(added.recordId()).add(added.citation().resourceId());
        } else if (event instanceof CitationRemoved removed) {
            requireKnown(records.containsKey(removed.recordId()), event);
            resourcesByRecord.get(removed.recordId()).remove(removed.resourceId());
        } else if (event instanceof ArtistPersonalDataChanged || event instanceof ArtistForgotten) {
            requireKnown(handleByArtist.containsKey(((ArtistEvent) event).artistId()), event);
        } else if (!(event instanceof ReleaseEvent) && !(event instanceof CollaborationEvent)) {
            throw new IllegalArgumentException("not a ledger event: " + event);
        }
    }

    private void addRecord(
            String recordId, String creatorId, List<Citation> resources, Object event) {
        requireNew(records.containsKey(recordId), event);
        requireKnown(handleByArtist.containsKey(creatorId), event);
        var cited = new LinkedHashSet<String>();
        for (Citation citation : resources) {
            requireKnown(records.containsKey(citation.resourceId()), event);
            cited.add(citation.resourceId());
        }
        records.put(recordId, new RecordState(recordId, creatorId, false));
        resourcesByRecord.put(recordId, cited);
    }

    private static void requireNew(boolean exists, Object event) {
        if (exists) {
            throw new IllegalStateException("history names an id twice: " + event);
        }
    }

    private static void requireKnown(boolean known, Object event) {
        if (!known) {
            throw new IllegalStateException(
                    "history refers to something it never created: " + event);
        }
    }
}
