package org.collabledger.api.storage.kurrent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kurrent.dbclient.Position;
import java.io.Serializable;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A place in KurrentDB's {@code $all}: the commit and prepare position of the last event handled,
 * ordered by commit, then prepare, as KurrentDB orders {@code $all}. Appends through the gRPC API
 * commit each event at its own position (commit equals prepare); only explicit transactions of the
 * legacy protocol share a commit position, so the prepare position is unique and increasing, and is
 * the global position projections key their as-of answers by.
 */
public final class KurrentTrackingToken implements TrackingToken, Serializable {

    private static final long serialVersionUID = 1L;

    private final long commit;
    private final long prepare;

    @JsonCreator
    public KurrentTrackingToken(
            @JsonProperty("commit") long commit, @JsonProperty("prepare") long prepare) {
        this.commit = commit;
        this.prepare = prepare;
    }

    static KurrentTrackingToken at(Position position) {
        return new KurrentTrackingToken(
                position.getCommitUnsigned(), position.getPrepareUnsigned());
    }

    /** KurrentDB's commit position. */
    @JsonProperty("commit")
    public long commit() {
        return commit;
    }

    /** KurrentDB's prepare position. */
    @JsonProperty("prepare")
    public long prepare() {
        return prepare;
    }

    Position toPosition() {
        return new Position(commit, prepare);
    }

    private int compareTo(KurrentTrackingToken other) {
        int byCommit = Long.compareUnsigned(commit, other.commit);
        return byCommit != 0 ? byCommit : Long.compareUnsigned(prepare, other.prepare);
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        return other == null ? null : compareTo(cast(other)) <= 0 ? this : other;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        return other == null ? this : compareTo(cast(other)) >= 0 ? this : other;
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other == null || compareTo(cast(other)) >= 0;
    }

    @Override
    public OptionalLong position() {
        return OptionalLong.of(prepare);
    }

    private static KurrentTrackingToken cast(TrackingToken other) {
        if (other instanceof KurrentTrackingToken token) {
            return token;
        }
        throw new IllegalArgumentException("a KurrentDB position cannot be compared with " + other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KurrentTrackingToken token
                && commit == token.commit
                && prepare == token.prepare;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(commit) * 31 + Long.hashCode(prepare);
    }

    @Override
    public String toString() {
        return "KurrentTrackingToken{commit=" + commit + ", prepare=" + prepare + "}";
    }
}
