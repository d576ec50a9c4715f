package org.collabledger.domain.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A commitment to the first {@code treeSize} events of the global stream, the last at global {@code
 * position}: the Merkle root, and optionally the root of every block of {@value MerkleTree#BLOCK}
 * leaves, which lets a verifier name the first place a later store differs instead of only saying
 * that it does. {@code takenAt} is null only for a digest given without it (as JSON), which then
 * claims no time. {@link #toFile()} and {@link #parse(String)} are the text an auditor keeps.
 */
public record Digest(
        long treeSize, long position, byte[] root, Instant takenAt, List<byte[]> blockRoots) {

    private static final String HEADER = "collaboration-ledger digest v1";
    private static final String ALGORITHM = "RFC6962-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    public Digest {
        blockRoots = List.copyOf(blockRoots);
        if (!blockRoots.isEmpty() && blockRoots.size() != blocksFor(treeSize)) {
            throw new IllegalArgumentException(
                    "a digest of "
                            + treeSize
                            + " events has "
                            + blocksFor(treeSize)
                            + " blocks, not "
                            + blockRoots.size());
        }
        if (!blockRoots.isEmpty() && !Arrays.equals(MerkleTree.root(blockRoots), root)) {
            throw new IllegalArgumentException("the digest's block roots do not hash to its root");
        }
    }

    /** How many blocks {@code treeSize} leaves fill, the last perhaps partly. */
    public static long blocksFor(long treeSize) {
        return (treeSize + MerkleTree.BLOCK - 1) / MerkleTree.BLOCK;
    }

    /** The root in lower-case hex. */
    public String rootHex() {
        return HEX.formatHex(root);
    }

    /** The same digest without its block roots, as the JSON endpoint gives it. */
    public Digest withoutBlocks() {
        return new Digest(treeSize, position, root, takenAt, List.of());
    }

    /** The text file an auditor keeps: a few header lines, then one block root per line. */
    public String toFile() {
        StringBuilder text = new StringBuilder(128 + blockRoots.size() * 65);
        text.append(HEADER)
                .append('\n')
                .append("algorithm: ")
                .append(ALGORITHM)
                .append('\n')
                .append("tree-size: ")
                .append(treeSize)
                .append('\n')
                .append("position: ")
                .append(position)
                .append('\n')
                .append("root: ")
                .append(rootHex())
                .append('\n')
                .append("taken-at: ")
                .append(takenAt)
                .append('\n')
                .append("block-size: ")
                .append(MerkleTree.BLOCK)
                .append('\n')
                .append("blocks: ")
                .append(blockRoots.size())
                .append('\n');
        for (byte[] block : blockRoots) {
            text.append(HEX.formatHex(block)).append('\n');
        }
        return text.toString();
    }

    /**
     * Reads a digest file; refuses anything that is not one, or whose block roots do not make its
     * root.
     */
    public static Digest parse(String file) {
        String[] lines = file.strip().split("\r?\n");
        if (lines.length < 8 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException(
                    "not a digest file: it must start with '" + HEADER + "'");
        }
        if (!ALGORITHM.equals(value(lines[1], "algorithm"))) {
            throw new IllegalArgumentException(
                    "unknown digest algorithm: " + value(lines[1], "algorithm"));
        }
        long treeSize = Long.parseLong(value(lines[2], "tree-size"));
        long position = Long.parseLong(value(lines[3], "position"));
        byte[] root = hash(value(lines[4], "root"));
        Instant takenAt = Instant.parse(value(lines[5], "taken-at"));
        if (Integer.parseInt(value(lines[6], "block-size")) != MerkleTree.BLOCK) {
            throw new IllegalArgumentException("block-size must be " + MerkleTree.BLOCK);
        }
        int blocks = Integer.parseInt(value(lines[7], "blocks"));
        if (lines.length != 8 + blocks) {
            throw new IllegalArgumentException(
                    "the file announces " + blocks + " blocks and has " + (lines.length - 8));
        }
        List<byte[]> roots = new ArrayList<>(blocks);
        for (int i = 8; i < lines.length; i++) {
            roots.add(hash(lines[i].strip()));
        }
        return new Digest(treeSize, position, root, takenAt, roots);
    }

    /** A 32-byte hash from 64 hex digits. */
    public static byte[] hash(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException(
                    "a SHA-256 hash is 64 hex digits, not '" + hex + "'");
        }
        return HEX.parseHex(hex);
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + ": ")) {
            throw new IllegalArgumentException(
                    "expected '" + key + ": …' in the digest file, found '" + line + "'");
        }
        return line.substring(key.length() + 2).strip();
    }
}
