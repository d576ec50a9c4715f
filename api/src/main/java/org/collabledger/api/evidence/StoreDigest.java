package org.collabledger.api.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.collabledger.domain.evidence.Digest;
import org.collabledger.domain.evidence.MerkleTree;

/**
 * A digest computed straight from the stored events, trusting neither the ledger nor its seal: what
 * an auditor's own tool takes. For the same events it equals the seal's digest.
 */
public final class StoreDigest {

    private StoreDigest() {}

    /** The digest of every stored event at or below global {@code upTo}. */
    public static Digest compute(DataSource dataSource, long upTo, Instant takenAt) {
        List<byte[]> blocks = new ArrayList<>();
        List<byte[]> block = new ArrayList<>(MerkleTree.BLOCK);
        long[] count = {0, 0};
        StoredEntries.stream(
                dataSource,
                0,
                upTo,
                entry -> {
                    block.add(entry.leafHash());
                    count[0]++;
                    count[1] = entry.position();
                    if (block.size() == MerkleTree.BLOCK) {
                        blocks.add(MerkleTree.root(block));
                        block.clear();
                    }
                });
        if (!block.isEmpty()) {
            blocks.add(MerkleTree.root(block));
        }
        return new Digest(count[0], count[1], MerkleTree.root(blocks), takenAt, blocks);
    }

    /** The global position the seal has reached, 0 before it sealed anything. */
    public static long sealedPosition(DataSource dataSource) {
        Long position =
                new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                        .queryForObject(
                                "select max(last_position) from ledger_seal_block", Long.class);
        return position == null ? 0 : position;
    }
}
