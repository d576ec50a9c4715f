package org.collabledger.domain.evidence;

import java.util.Arrays;
import java.util.List;

/**
 * The proof that the event at global {@code position} is leaf {@code leafIndex} of the tree of
 * {@code treeSize} events whose root is {@code root}: the audit path from its leaf hash to that
 * root. Anyone holding a digest of the same size checks it with {@link #verifies(Digest)}, and can
 * first check {@code leafHash} against the event's own bytes with {@link LedgerEntry#leafHash()}.
 */
public record InclusionProof(
        String eventId,
        long position,
        long leafIndex,
        long treeSize,
        byte[] leafHash,
        List<byte[]> path,
        byte[] root) {

    public InclusionProof {
        path = List.copyOf(path);
    }

    /** Whether the path leads from the leaf to this proof's root. */
    public boolean verifies() {
        return MerkleTree.verifyInclusion(leafIndex, treeSize, leafHash, path, root);
    }

    /** Whether the event is in the ledger that {@code digest} commits to. */
    public boolean verifies(Digest digest) {
        return digest.treeSize() == treeSize
                && Arrays.equals(digest.root(), root)
                && MerkleTree.verifyInclusion(leafIndex, treeSize, leafHash, path, digest.root());
    }
}
