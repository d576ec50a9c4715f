package org.collabledger.domain.testing;

import java.util.List;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordEvent.RecordRemixed;
import org.collabledger.domain.record.RecordEvent.RecordTakenDown;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;

/** Fixed ids and ready-made facts, so that a test spells out only what its rule is about. */
public final class Samples {

    public static final String ALICE = "00000000-0000-0000-0000-000000000101";
    public static final String BOB = "00000000-0000-0000-0000-000000000102";
    public static final String CAROL = "00000000-0000-0000-0000-000000000103";

    public static final String SONG = "00000000-0000-0000-0000-000000000201";
    public static final String DRAWING = "00000000-0000-0000-0000-000000000202";
    public static final String STORY = "00000000-0000-0000-0000-000000000203";
    public static final String REMIX = "00000000-0000-0000-0000-000000000204";
    public static final String REMIX_OF_REMIX = "00000000-0000-0000-0000-000000000205";

    public static final String CALL = "00000000-0000-0000-0000-000000000301";
    public static final String PILOT = "00000000-0000-0000-0000-000000000401";

    /** SHA-256 of the empty string. */
    public static final String DIGEST =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static final String CONTENT_URI = "https://media.example/x.wav";
    public static final String TITLE = "First time";

    private Samples() {}

    /** The id of the {@code n}-th of many filler records, e.g. for the sixteen-resource limit. */
    public static String record(int n) {
        return String.format("00000000-0000-0000-0000-%012x", 0x1000 + n);
    }

    public static ArtistRegistered registered(String artistId, String handle) {
        return new ArtistRegistered(artistId, handle, "Display " + handle);
    }

    public static RecordUploaded uploaded(String recordId, String creatorId) {
        return new RecordUploaded(recordId, creatorId, TITLE, MediaType.AUDIO, DIGEST, CONTENT_URI);
    }

    public static RecordRemixed remixed(String recordId, String creatorId, Citation... resources) {
        return new RecordRemixed(
                recordId,
                creatorId,
                TITLE,
                MediaType.AUDIO,
                DIGEST,
                CONTENT_URI,
                List.of(resources));
    }

    public static RecordTakenDown takenDown(String recordId) {
        return new RecordTakenDown(recordId, "copyright claim");
    }

    public static Citation cite(String recordId, int weight) {
        return new Citation(recordId, weight);
    }
}
