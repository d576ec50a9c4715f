package org.collabledger.api.evidence;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.collabledger.api.web.NotFound;
import org.collabledger.domain.evidence.Digest;
import org.collabledger.domain.evidence.InclusionProof;
import org.collabledger.domain.evidence.LedgerEntry;
import org.collabledger.domain.evidence.MerkleTree;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seal: a Merkle tree over the global event stream, grown by one background writer after the
 * events commit (so appends pay nothing for it), kept in {@code ledger_seal_block} one row per
 * {@value MerkleTree#BLOCK} leaves. Each row holds its leaves' positions, event ids and hashes,
 * which is what lets the verifier say exactly which event changed. It is evidence, not a read
 * model: nothing rebuilds it from the events, since that would launder an edit made before.
 *
 * <p>The seal only ever appends in global order. Events are numbered after they commit, in the
 * order they became visible ({@code EventSequencer}), so no event ever appears below one already
 * read: the seal takes every event it reads, and an empty position below the newest event (left by
 * an append rolled back before positions were given after commit) stays empty for good.
 */
public class LedgerSeal {

    private static final Logger log = LoggerFactory.getLogger(LedgerSeal.class);
    private static final int READ = 10_000;
    private static final int LEAF_BYTES = 8 + 16 + 32;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    private final List<byte[]> blockRoots = new ArrayList<>();
    private final List<Long> blockFirstPositions = new ArrayList<>();
    private final List<Leaf> open = new ArrayList<>();
    private long size;
    private long position;

    /**
     * One sealed event: its global position, its id (as a UUID, or zero when the id is not one) and
     * its leaf hash.
     */
    public record Leaf(long position, UUID eventId, byte[] hash) {}

    /**
     * The seal kept in {@code dataSource}'s tables, written through {@code transactions}, digests
     * stamped by {@code clock}.
     */
    public LedgerSeal(DataSource dataSource, TransactionTemplate transactions, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = transactions;
        this.clock = clock;
        load();
    }

    /**
     * Reads the sealed blocks back: their roots, and the leaves of the last one if it is not full.
     */
    private synchronized void load() {
        blockRoots.clear();
        blockFirstPositions.clear();
        open.clear();
        size = 0;
        position = 0;
        jdbc.query(
                "select block_index, first_position, last_position, leaf_count, root from ledger_seal_block "
                        + "order by block_index",
                rs -> {
                    if (rs.getLong(1) != blockRoots.size()) {
                        throw new IllegalStateException(
                                "the seal lacks block " + blockRoots.size());
                    }
                    blockRoots.add(rs.getBytes(5));
                    blockFirstPositions.add(rs.getLong(2));
                    size += rs.getInt(4);
                    position = rs.getLong(3);
                });
        if (size % MerkleTree.BLOCK != 0) {
            int last = blockRoots.size() - 1;
            open.addAll(leavesOf(last));
            blockRoots.remove(last);
            blockFirstPositions.remove(last);
        }
    }

    /** How many events are sealed, and the global position of the last. */
    public synchronized long size() {
        return size;
    }

    /** The global position of the last sealed event, 0 before the first. */
    public synchronized long position() {
        return position;
    }

    /** Seals every event that can be sealed now; returns how many it sealed. */
    public long sealAvailable() {
        long total = 0;
        for (int sealed = sealBatch(); sealed > 0; sealed = sealBatch()) {
            total += sealed;
        }
        return total;
    }

    private synchronized int sealBatch() {
        long from = position;
        List<LedgerEntry> read = new ArrayList<>();
        StoredEntries.stream(dataSource, from, from + READ, read::add);
        if (read.isEmpty()) {
            Long next =
                    jdbc.queryForObject(
                            "select min(global_index) from domain_event_entry where global_index > ?",
                            Long.class,
                            from);
            if (next == null) {
                return 0;
            }
            StoredEntries.stream(dataSource, next - 1, next - 1 + READ, read::add);
        }
        List<Leaf> leaves = new ArrayList<>(read.size());
        for (LedgerEntry entry : read) {
            leaves.add(new Leaf(entry.position(), uuidOrZero(entry.eventId()), entry.leafHash()));
        }
        long sealedTo = leaves.get(leaves.size() - 1).position();

        // The blocks this batch fills, and what is left open after it.
        List<List<Leaf>> filled = new ArrayList<>();
        List<Leaf> block = new ArrayList<>(open);
        for (Leaf leaf : leaves) {
            block.add(leaf);
            if (block.size() == MerkleTree.BLOCK) {
                filled.add(block);
                block = new ArrayList<>();
            }
        }
        List<Leaf> stillOpen = block;
        if (!Boolean.TRUE.equals(
                transactions.execute(status -> write(filled, stillOpen, leaves.size())))) {
            log.warn("another node moved the seal; reloading it");
            load();
            return 0;
        }
        // Memory follows the rows only once they are committed; a failed commit leaves both as they
        // were.
        for (List<Leaf> full : filled) {
            blockFirstPositions.add(full.get(0).position());
            blockRoots.add(root(full));
        }
        open.clear();
        open.addAll(stillOpen);
        size += leaves.size();
        position = sealedTo;
        return leaves.size();
    }

    /**
     * Writes the filled blocks and the open one under a lock on the seal's state row; false, with
     * nothing written, when the stored seal is not the one in memory (another node sealed
     * meanwhile).
     */
    private boolean write(List<List<Leaf>> filled, List<Leaf> stillOpen, int added) {
        List<Long> stored =
                jdbc.queryForList(
                        "select tree_size from ledger_seal_state where id = 1 for update",
                        Long.class);
        if (stored.isEmpty() || stored.get(0) != size) {
            return false;
        }
        long blockIndex = blockRoots.size();
        for (List<Leaf> full : filled) {
            saveBlock(blockIndex++, full);
        }
        if (!stillOpen.isEmpty()) {
            saveBlock(blockIndex, stillOpen);
        }
        jdbc.update("update ledger_seal_state set tree_size = ? where id = 1", size + added);
        return true;
    }

    private void saveBlock(long index, List<Leaf> leaves) {
        ByteBuffer bytes = ByteBuffer.allocate(leaves.size() * LEAF_BYTES);
        for (Leaf leaf : leaves) {
            bytes.putLong(leaf.position())
                    .putLong(leaf.eventId().getMostSignificantBits())
                    .putLong(leaf.eventId().getLeastSignificantBits())
                    .put(leaf.hash());
        }
        Object[] values = {
            leaves.get(0).position(),
            leaves.get(leaves.size() - 1).position(),
            leaves.size(),
            root(leaves),
            bytes.array(),
            index
        };
        if (jdbc.update(
                        "update ledger_seal_block set first_position = ?, last_position = ?, leaf_count = ?, "
                                + "root = ?, leaves = ? where block_index = ?",
                        values)
                == 0) {
            jdbc.update(
                    "insert into ledger_seal_block (first_position, last_position, leaf_count, root, leaves, "
                            + "block_index) values (?, ?, ?, ?, ?, ?)",
                    values);
        }
    }

    /** The leaves of a stored block, in order. */
    public List<Leaf> leavesOf(long blockIndex) {
        List<byte[]> rows =
                jdbc.queryForList(
                        "select leaves from ledger_seal_block where block_index = ?",
                        byte[].class,
                        blockIndex);
        if (rows.isEmpty()) {
            return List.of();
        }
        return decode(rows.get(0));
    }

    /** The leaves of a block row's {@code leaves} column: position, event id and hash of each. */
    static List<Leaf> decode(byte[] stored) {
        ByteBuffer bytes = ByteBuffer.wrap(stored);
        List<Leaf> leaves = new ArrayList<>(stored.length / LEAF_BYTES);
        while (bytes.hasRemaining()) {
            long at = bytes.getLong();
            UUID id = new UUID(bytes.getLong(), bytes.getLong());
            byte[] hash = new byte[32];
            bytes.get(hash);
            leaves.add(new Leaf(at, id, hash));
        }
        return leaves;
    }

    /** The digest of everything sealed now. */
    public synchronized Digest current() {
        List<byte[]> roots = new ArrayList<>(blockRoots);
        if (!open.isEmpty()) {
            roots.add(root(open));
        }
        return new Digest(size, position, MerkleTree.root(roots), clock.instant(), roots);
    }

    /**
     * The digest of the events up to global {@code upTo}; refused while that position is not sealed
     * yet, since a digest must never change after it is given.
     */
    public synchronized Digest at(long upTo) {
        Refusal.require(
                upTo >= 0, ErrorCode.INVALID_INPUT, "position", "position must not be negative");
        // A position past the sealed head could still receive events, and a digest must never
        // change.
        Refusal.require(
                upTo <= position,
                ErrorCode.NOT_SEALED_YET,
                "position",
                "the ledger is sealed up to position " + position + "; ask again in a moment");
        if (upTo == position) {
            return current();
        }
        int block = blockAt(upTo);
        if (block < 0) {
            return new Digest(0, 0, MerkleTree.root(List.of()), clock.instant(), List.of());
        }
        List<Leaf> leaves = block < blockRoots.size() ? leavesOf(block) : open;
        List<Leaf> kept = leaves.stream().filter(leaf -> leaf.position() <= upTo).toList();
        List<byte[]> roots = new ArrayList<>(blockRoots.subList(0, block));
        roots.add(root(kept));
        return new Digest(
                (long) block * MerkleTree.BLOCK + kept.size(),
                kept.get(kept.size() - 1).position(),
                MerkleTree.root(roots),
                clock.instant(),
                roots);
    }

    /**
     * The proof that event {@code eventId} is in the sealed tree of {@code treeSize} events (all
     * sealed when null).
     */
    public synchronized InclusionProof proof(String eventId, Long treeSize) {
        List<Long> positions =
                jdbc.queryForList(
                        "select global_index from domain_event_entry "
                                + "where event_identifier = ?",
                        Long.class,
                        eventId);
        if (positions.isEmpty()) {
            throw new NotFound("no event " + eventId);
        }
        long at = positions.get(0);
        Refusal.require(
                at <= position,
                ErrorCode.NOT_SEALED_YET,
                "eventId",
                "event "
                        + eventId
                        + " is at position "
                        + at
                        + " and the ledger is sealed up to "
                        + position
                        + "; ask again in a moment");
        long tree = treeSize == null ? size : treeSize;
        int block = blockAt(at);
        List<Leaf> leaves = block < blockRoots.size() ? leavesOf(block) : open;
        int inBlock = -1;
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).position() == at) {
                inBlock = i;
            }
        }
        Refusal.require(
                inBlock >= 0,
                ErrorCode.NOT_SEALED_YET,
                "eventId",
                "event "
                        + eventId
                        + " at position "
                        + at
                        + " is below the sealed head but not in the seal: it committed after the seal passed its position");
        long leafIndex = (long) block * MerkleTree.BLOCK + inBlock;
        Refusal.require(
                tree > leafIndex && tree <= size,
                ErrorCode.INVALID_INPUT,
                "treeSize",
                "treeSize must lie in [" + (leafIndex + 1) + ", " + size + "] for this event");
        int lastBlock = (int) ((tree - 1) / MerkleTree.BLOCK);
        List<byte[]> inOwnBlock =
                leaves
                        .subList(
                                0,
                                block == lastBlock
                                        ? (int) (tree - (long) lastBlock * MerkleTree.BLOCK)
                                        : leaves.size())
                        .stream()
                        .map(Leaf::hash)
                        .toList();
        List<byte[]> roots =
                new ArrayList<>(blockRoots.subList(0, Math.min(lastBlock, blockRoots.size())));
        if (roots.size() == lastBlock) {
            List<Leaf> last = lastBlock < blockRoots.size() ? leavesOf(lastBlock) : open;
            roots.add(root(last.subList(0, (int) (tree - (long) lastBlock * MerkleTree.BLOCK))));
        }
        List<byte[]> path = new ArrayList<>(MerkleTree.path(inOwnBlock, inBlock));
        path.addAll(MerkleTree.path(roots, block));
        return new InclusionProof(
                eventId,
                at,
                leafIndex,
                tree,
                leaves.get(inBlock).hash(),
                path,
                MerkleTree.root(roots));
    }

    /**
     * The block holding global position {@code at}: the last whose first position is at or before
     * it; -1 if none.
     */
    private int blockAt(long at) {
        int low = 0;
        int high = blockFirstPositions.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (blockFirstPositions.get(mid) <= at) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (!open.isEmpty() && open.get(0).position() <= at) {
            return blockRoots.size();
        }
        return found;
    }

    static byte[] root(List<Leaf> leaves) {
        return MerkleTree.root(leaves.stream().map(Leaf::hash).toList());
    }

    static UUID uuidOrZero(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            return new UUID(0, 0);
        }
    }
}
