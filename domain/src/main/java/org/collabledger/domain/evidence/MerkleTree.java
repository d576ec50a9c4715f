package org.collabledger.domain.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 Merkle tree hashing with SHA-256: a leaf is {@code SHA-256(0x00 || data)}, a node {@code
 * SHA-256(0x01 || left || right)}, and a tree of n leaves splits at the largest power of two below
 * n. Every aligned run of {@value #BLOCK} leaves is therefore a node of every larger tree, which is
 * what lets the seal keep one root per block instead of every inner node.
 */
public final class MerkleTree {

    /** Leaves per block: the unit a digest file lists and the seal stores. */
    public static final int BLOCK = 256;

    private MerkleTree() {}

    /** The hash of a leaf holding {@code data}. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        sha.update(data);
        return sha.digest();
    }

    /** The hash of an inner node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /**
     * The root over already-hashed subtrees in order: the leaf hashes of one tree, or the block
     * roots of a tree whose blocks are all full except perhaps the last.
     */
    public static byte[] root(List<byte[]> hashes) {
        if (hashes.isEmpty()) {
            return sha256().digest();
        }
        return root(hashes, 0, hashes.size());
    }

    private static byte[] root(List<byte[]> hashes, int from, int to) {
        if (to - from == 1) {
            return hashes.get(from);
        }
        int split = largestPowerOfTwoBelow(to - from);
        return nodeHash(root(hashes, from, from + split), root(hashes, from + split, to));
    }

    /**
     * The audit path of leaf {@code index} among {@code hashes} (RFC 6962 §2.1.1), from the leaf's
     * sibling up to the root's child.
     */
    public static List<byte[]> path(List<byte[]> hashes, int index) {
        List<byte[]> path = new ArrayList<>();
        path(hashes, index, 0, hashes.size(), path);
        return path;
    }

    private static void path(List<byte[]> hashes, int index, int from, int to, List<byte[]> out) {
        if (to - from <= 1) {
            return;
        }
        int split = largestPowerOfTwoBelow(to - from);
        if (index < from + split) {
            path(hashes, index, from, from + split, out);
            out.add(root(hashes, from + split, to));
        } else {
            path(hashes, index, from + split, to, out);
            out.add(root(hashes, from, from + split));
        }
    }

    /**
     * Recomputes the root from a leaf hash and its audit path (RFC 9162 §2.1.3.2); a proof is valid
     * when this equals the root of the digest it claims to be in.
     */
    public static byte[] rootFromPath(
            long index, long treeSize, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= treeSize) {
            return null;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] sibling : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(sibling, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, sibling);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /**
     * Whether a leaf with {@code leafHash} at {@code index} is in the tree of {@code treeSize} with
     * {@code root}.
     */
    public static boolean verifyInclusion(
            long index, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        byte[] computed = rootFromPath(index, treeSize, leafHash, path);
        return computed != null && Arrays.equals(computed, root);
    }

    /** The largest power of two strictly below {@code n} (n ≥ 2). */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
