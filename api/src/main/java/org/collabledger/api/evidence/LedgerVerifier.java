package org.collabledger.api.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.collabledger.domain.evidence.Digest;
import org.collabledger.domain.evidence.MerkleTree;

/**
 * Checks the event store against a digest taken earlier: recomputes every leaf from the stored
 * rows, in global order, and compares the tree with the digest. When they differ it names the first
 * position: exactly (altered, removed, inserted or reordered) where the seal's stored leaves still
 * agree with the digest, or as the first block of {@value MerkleTree#BLOCK} events that differs
 * where the seal was rewritten as well. When the events match the root, every other field of the
 * digest is checked against them too: its tree size, the position of its last event and the time it
 * says it was taken. It reads the store and the seal table only, so it gives the same answer in the
 * ledger and in the command-line tool.
 */
public final class LedgerVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private LedgerVerifier() {}

    /**
     * What the verifier found. {@code firstDifference} is null exactly when the store verifies
     * clean.
     */
    public record Report(
            boolean clean,
            long eventsChecked,
            long digestTreeSize,
            long digestPosition,
            String digestRoot,
            String storeRoot,
            Difference firstDifference,
            double seconds) {}

    /**
     * The first place the store differs from the digest. {@code position} is the global position;
     * {@code throughPosition} is set when only a block is known to differ (the seal was changed
     * too); {@code field} names the digest's field the store contradicts, for {@link
     * Kind#FIELD_DIFFERS} only.
     */
    public record Difference(
            Kind kind,
            long position,
            Long throughPosition,
            long leafIndex,
            String detail,
            String field) {

        Difference(Kind kind, long position, Long throughPosition, long leafIndex, String detail) {
            this(kind, position, throughPosition, leafIndex, detail, null);
        }
    }

    /** How the store differs at the first difference. */
    public enum Kind {
        /**
         * The event at this position has other content, metadata or identity than the digest says.
         */
        ALTERED,
        /** The digest has an event at this position; the store has none. */
        REMOVED,
        /** The store has an event at this position that the digest does not. */
        INSERTED,
        /** The event the digest has here now sits at another position. */
        REORDERED,
        /**
         * Some event in this range differs; the seal table was rewritten too, so it cannot say
         * which.
         */
        BLOCK_DIFFERS,
        /** The store's root differs and neither block roots nor an intact seal narrow it down. */
        ROOT_DIFFERS,
        /**
         * The store's events hash to the digest's root, but another field of the digest ({@code
         * treeSize}, {@code position} or {@code takenAt}) says otherwise than they do: the digest
         * is not the one taken.
         */
        FIELD_DIFFERS
    }

    /** Verifies the store behind {@code dataSource} against {@code digest}. */
    public static Report verify(DataSource dataSource, Digest digest) {
        long started = System.nanoTime();
        Walk walk = new Walk(dataSource, digest);
        try (Connection sealConnection = dataSource.getConnection()) {
            sealConnection.setAutoCommit(false);
            try (PreparedStatement seal =
                    sealConnection.prepareStatement(
                            "select block_index, leaves "
                                    + "from ledger_seal_block where block_index < ? order by block_index")) {
                seal.setFetchSize(64);
                seal.setLong(1, Digest.blocksFor(digest.treeSize()));
                try (ResultSet sealRows = seal.executeQuery()) {
                    walk.sealRows = sealRows;
                    StoredEntries.stream(
                            dataSource,
                            0,
                            digest.position(),
                            entry ->
                                    walk.step(
                                            entry.position(),
                                            LedgerSeal.uuidOrZero(entry.eventId()),
                                            entry.eventId(),
                                            entry.leafHash(),
                                            entry.timestamp()));
                    walk.finish();
                }
            } finally {
                sealConnection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the seal", e);
        }
        byte[] storeRoot = MerkleTree.root(walk.storeBlockRoots);
        Difference difference = fieldDifference(dataSource, digest, walk, storeRoot);
        if (difference == null
                && (walk.count != digest.treeSize() || !Arrays.equals(storeRoot, digest.root()))) {
            difference = walk.firstDifference(storeRoot);
        }
        return new Report(
                difference == null,
                walk.count,
                digest.treeSize(),
                digest.position(),
                digest.rootHex(),
                HEX.formatHex(storeRoot),
                difference,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * Where the store's events match the digest's root, the first of its other fields they
     * contradict; null when none does, or when the events themselves differ (then the walk names
     * where).
     */
    private static Difference fieldDifference(
            DataSource dataSource, Digest digest, Walk walk, byte[] storeRoot) {
        if (walk.coveredRoot != null && Arrays.equals(walk.coveredRoot, digest.root())) {
            if (walk.coveredPosition != digest.position()) {
                return positionDiffers(digest, walk.coveredPosition);
            }
            if (walk.recordedAfterTaken != null) {
                return new Difference(
                        Kind.FIELD_DIFFERS,
                        walk.recordedAfterTakenPosition,
                        null,
                        walk.recordedAfterTakenIndex,
                        "the digest says it was taken at "
                                + digest.takenAt()
                                + ", but the event at position "
                                + walk.recordedAfterTakenPosition
                                + " it covers was "
                                + "recorded later, at "
                                + walk.recordedAfterTaken,
                        "takenAt");
            }
            return null;
        }
        if (walk.count != digest.treeSize() && Arrays.equals(storeRoot, digest.root())) {
            return new Difference(
                    Kind.FIELD_DIFFERS,
                    digest.position(),
                    null,
                    Math.min(walk.count, digest.treeSize()),
                    "the "
                            + walk.count
                            + " events up to position "
                            + digest.position()
                            + " hash to the digest's "
                            + "root, but the digest says it covers "
                            + digest.treeSize(),
                    "treeSize");
        }
        if (walk.count < digest.treeSize()) {
            // The digest's events may lie beyond the position it names: hash the first treeSize
            // events wherever.
            List<Long> last =
                    new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                            .queryForList(
                                    "select global_index from domain_event_entry where global_index > 0 order by global_index "
                                            + "offset ? rows fetch next 1 rows only",
                                    Long.class,
                                    digest.treeSize() - 1);
            if (!last.isEmpty()
                    && Arrays.equals(
                            StoreDigest.compute(dataSource, last.get(0), digest.takenAt()).root(),
                            digest.root())) {
                return positionDiffers(digest, last.get(0));
            }
        }
        return null;
    }

    private static Difference positionDiffers(Digest digest, long actual) {
        return new Difference(
                Kind.FIELD_DIFFERS,
                actual,
                null,
                digest.treeSize() - 1,
                "the digest's "
                        + digest.treeSize()
                        + " events match its root, and the last of them is at position "
                        + actual
                        + ", but the digest says position "
                        + digest.position(),
                "position");
    }

    /** The state of one pass over the store and the seal, leaf by leaf. */
    private static final class Walk {
        private final DataSource dataSource;
        private final Digest digest;
        private final boolean hasBlocks;
        private final List<byte[]> storeBlockRoots = new ArrayList<>();
        private final List<byte[]> storeBlock = new ArrayList<>(MerkleTree.BLOCK);
        private long storeBlockFirst;
        private long storeBlockLast;
        private final List<byte[]> sealBlockRoots = new ArrayList<>();
        private ResultSet sealRows;
        private List<LedgerSeal.Leaf> sealBlock = List.of();
        private long count;

        /**
         * The root of the store's first {@code treeSize} events and the position of the last, once
         * walked.
         */
        private byte[] coveredRoot;

        private long coveredPosition;

        /**
         * The digest's time to the second, as ISO-8601 text of a four-digit year; null to parse
         * every time.
         */
        private final String takenSecond;

        /**
         * The first of those events recorded after the digest says it was taken, and where it sits.
         */
        private String recordedAfterTaken;

        private long recordedAfterTakenPosition;
        private long recordedAfterTakenIndex;

        /** First difference between the store and the seal's leaves, and the block it lies in. */
        private Difference sealDifference;

        private long sealDifferenceBlock = -1;

        /** First block whose root differs from the digest's, with its positions in the store. */
        private long differingBlock = -1;

        private long differingFrom;
        private long differingTo;

        Walk(DataSource dataSource, Digest digest) {
            this.dataSource = dataSource;
            this.digest = digest;
            this.hasBlocks = !digest.blockRoots().isEmpty();
            String second =
                    digest.takenAt() == null
                            ? ""
                            : digest.takenAt().truncatedTo(ChronoUnit.SECONDS).toString();
            this.takenSecond = fourDigitYear(second) ? second.substring(0, 19) : null;
        }

        void step(long position, UUID eventId, String eventIdText, byte[] hash, String timestamp) {
            if (count < digest.treeSize()
                    && digest.takenAt() != null
                    && recordedAfterTaken == null
                    && recordedAfterTaken(timestamp)) {
                recordedAfterTaken = timestamp;
                recordedAfterTakenPosition = position;
                recordedAfterTakenIndex = count;
            }
            long block = count / MerkleTree.BLOCK;
            int inBlock = (int) (count % MerkleTree.BLOCK);
            if (inBlock == 0) {
                sealBlock = nextSealBlock(block);
            }
            if (sealDifference == null && count < digest.treeSize()) {
                compareWithSeal(
                        position,
                        eventId,
                        eventIdText,
                        hash,
                        inBlock < sealBlock.size() ? sealBlock.get(inBlock) : null);
                if (sealDifference != null) {
                    sealDifferenceBlock = block;
                }
            }
            storeBlock.add(hash);
            if (storeBlock.isEmpty()) {
                storeBlockFirst = position;
            }
            storeBlockLast = position;
            count++;
            if (storeBlock.size() == MerkleTree.BLOCK) {
                closeBlock();
            }
            if (count == digest.treeSize()) {
                List<byte[]> roots = new ArrayList<>(storeBlockRoots);
                if (!storeBlock.isEmpty()) {
                    roots.add(MerkleTree.root(storeBlock));
                }
                coveredRoot = MerkleTree.root(roots);
                coveredPosition = position;
            }
        }

        /**
         * True when an event stamped {@code timestamp} was recorded after the digest says it was
         * taken. The store writes ISO-8601 instants, which for four-digit years order as text down
         * to the second, so nearly every event is settled by comparing 19 characters instead of
         * parsing, which costs microseconds an event. A time that does not parse is passed over:
         * the text is part of the event's leaf, so the root reports it.
         */
        private boolean recordedAfterTaken(String timestamp) {
            if (takenSecond != null && fourDigitYear(timestamp)) {
                int order = 0;
                for (int i = 0; i < 19 && order == 0; i++) {
                    order = Character.compare(timestamp.charAt(i), takenSecond.charAt(i));
                }
                if (order != 0) {
                    return order > 0;
                }
            }
            try {
                return Instant.parse(timestamp).isAfter(digest.takenAt());
            } catch (DateTimeParseException unreadable) {
                return false;
            }
        }

        private static boolean fourDigitYear(String isoInstant) {
            return isoInstant.length() > 19
                    && Character.isDigit(isoInstant.charAt(0))
                    && isoInstant.charAt(4) == '-';
        }

        void finish() {
            if (!storeBlock.isEmpty()) {
                closeBlock();
            }
            if (sealDifference == null && count < digest.treeSize()) {
                List<LedgerSeal.Leaf> block =
                        count % MerkleTree.BLOCK == 0
                                ? nextSealBlock(count / MerkleTree.BLOCK)
                                : sealBlock;
                int inBlock = (int) (count % MerkleTree.BLOCK);
                if (inBlock < block.size()) {
                    LedgerSeal.Leaf missing = block.get(inBlock);
                    sealDifference =
                            new Difference(
                                    Kind.REMOVED,
                                    missing.position(),
                                    null,
                                    count,
                                    "the digest's event "
                                            + missing.eventId()
                                            + " at position "
                                            + missing.position()
                                            + " is missing, and every event after it");
                    sealDifferenceBlock = count / MerkleTree.BLOCK;
                }
            }
            nextSealBlock(Long.MAX_VALUE);
        }

        private void closeBlock() {
            long block = storeBlockRoots.size();
            byte[] root = MerkleTree.root(storeBlock);
            storeBlockRoots.add(root);
            if (hasBlocks
                    && differingBlock < 0
                    && (block >= digest.blockRoots().size()
                            || !Arrays.equals(root, digest.blockRoots().get((int) block)))) {
                differingBlock = block;
                differingFrom = storeBlockFirst;
                differingTo = storeBlockLast;
            }
            storeBlock.clear();
        }

        /**
         * The seal's leaves of {@code block}, cut to the digest's size; empty when the seal has no
         * such block.
         */
        private List<LedgerSeal.Leaf> nextSealBlock(long block) {
            try {
                while (sealRows.next()) {
                    long index = sealRows.getLong(1);
                    List<LedgerSeal.Leaf> leaves = LedgerSeal.decode(sealRows.getBytes(2));
                    long keep =
                            Math.min(leaves.size(), digest.treeSize() - index * MerkleTree.BLOCK);
                    leaves = leaves.subList(0, (int) Math.max(0, keep));
                    if (index != sealBlockRoots.size()) {
                        return List.of();
                    }
                    sealBlockRoots.add(LedgerSeal.root(leaves));
                    if (index == block) {
                        return leaves;
                    }
                }
                return List.of();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the seal", e);
            }
        }

        private void compareWithSeal(
                long position,
                UUID eventId,
                String eventIdText,
                byte[] hash,
                LedgerSeal.Leaf sealed) {
            if (sealed == null) {
                return;
            }
            if (sealed.position() == position && Arrays.equals(sealed.hash(), hash)) {
                return;
            }
            if (sealed.position() == position) {
                if (sealed.eventId().equals(eventId)) {
                    sealDifference =
                            new Difference(
                                    Kind.ALTERED,
                                    position,
                                    null,
                                    count,
                                    "event "
                                            + eventIdText
                                            + " at position "
                                            + position
                                            + " is not as sealed: its content, metadata or "
                                            + "identity changed");
                } else {
                    sealDifference =
                            movedOr(
                                    sealed,
                                    Kind.ALTERED,
                                    position,
                                    "position "
                                            + position
                                            + " holds event "
                                            + eventIdText
                                            + "; the digest has event "
                                            + sealed.eventId()
                                            + " there");
                }
            } else if (position > sealed.position()) {
                sealDifference =
                        movedOr(
                                sealed,
                                Kind.REMOVED,
                                sealed.position(),
                                "the digest's event "
                                        + sealed.eventId()
                                        + " at position "
                                        + sealed.position()
                                        + " is missing");
            } else {
                sealDifference =
                        new Difference(
                                Kind.INSERTED,
                                position,
                                null,
                                count,
                                "event "
                                        + eventIdText
                                        + " at position "
                                        + position
                                        + " is not in the digest");
            }
        }

        /**
         * REORDERED when the sealed event still exists at another position, else the given kind.
         */
        private Difference movedOr(
                LedgerSeal.Leaf sealed, Kind otherwise, long position, String detail) {
            List<Long> now =
                    new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                            .queryForList(
                                    "select global_index from domain_event_entry where event_identifier = ?",
                                    Long.class,
                                    sealed.eventId().toString());
            if (!now.isEmpty() && now.get(0) != sealed.position()) {
                return new Difference(
                        Kind.REORDERED,
                        sealed.position(),
                        null,
                        count,
                        "the digest's event "
                                + sealed.eventId()
                                + " at position "
                                + sealed.position()
                                + " now sits at position "
                                + now.get(0));
            }
            return new Difference(otherwise, position, null, count, detail);
        }

        /** The first difference, as exactly as the seal's intact parts allow. */
        Difference firstDifference(byte[] storeRoot) {
            if (hasBlocks) {
                if (sealDifference != null
                        && sealAgrees(sealDifferenceBlock)
                        && (differingBlock < 0 || sealDifferenceBlock <= differingBlock)) {
                    return sealDifference;
                }
                if (differingBlock < 0) {
                    return new Difference(
                            Kind.REMOVED,
                            digest.position(),
                            null,
                            count,
                            "the store has "
                                    + count
                                    + " events up to position "
                                    + digest.position()
                                    + "; the digest has "
                                    + digest.treeSize());
                }
                return new Difference(
                        Kind.BLOCK_DIFFERS,
                        differingFrom,
                        differingTo,
                        differingBlock * MerkleTree.BLOCK,
                        "an event between positions "
                                + differingFrom
                                + " and "
                                + differingTo
                                + " differs from the digest; the seal table was changed as well, "
                                + "so the exact event cannot be named");
            }
            if (sealDifference != null
                    && Arrays.equals(MerkleTree.root(sealBlockRoots), digest.root())) {
                return sealDifference;
            }
            return new Difference(
                    Kind.ROOT_DIFFERS,
                    0,
                    digest.position(),
                    0,
                    "the store's root "
                            + HEX.formatHex(storeRoot)
                            + " is not the digest's; keep the digest file (with its block roots) "
                            + "to have the first differing position named");
        }

        private boolean sealAgrees(long block) {
            return block < sealBlockRoots.size()
                    && block < digest.blockRoots().size()
                    && Arrays.equals(
                            sealBlockRoots.get((int) block), digest.blockRoots().get((int) block));
        }
    }
}
