package org.collabledger.domain.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The tree agrees with RFC 6962's published vectors, and blocks and proofs agree with the plain
 * tree.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The Certificate Transparency reference leaves and the roots of their first 1..8. */
    private static final List<String> LEAVES =
            List.of(
                    "",
                    "00",
                    "10",
                    "2021",
                    "3031",
                    "40414243",
                    "5051525354555657",
                    "606162636465666768696a6b6c6d6e6f");

    private static final List<String> ROOTS =
            List.of(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsMatchTheRfc6962ReferenceVectors() {
        List<byte[]> hashes = LEAVES.stream().map(HEX::parseHex).map(MerkleTree::leafHash).toList();
        assertThat(HEX.formatHex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleTree.root(hashes.subList(0, n))))
                    .as("size %d", n)
                    .isEqualTo(ROOTS.get(n - 1));
        }
    }

    @Test
    void theFirstLeafsPathMatchesTheReferenceProof() {
        List<byte[]> hashes = LEAVES.stream().map(HEX::parseHex).map(MerkleTree::leafHash).toList();
        assertThat(MerkleTree.path(hashes, 0).stream().map(HEX::formatHex))
                .containsExactly(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    /** Every leaf's proof verifies in every tree, and fails for another leaf, index or root. */
    @Property(tries = 60)
    void everyProofVerifiesAndNothingElseDoes(
            @ForAll @IntRange(min = 1, max = 700) int size,
            @ForAll @IntRange(min = 0, max = 699) int pick) {
        int index = pick % size;
        List<byte[]> hashes = leaves(size);
        byte[] root = MerkleTree.root(hashes);
        List<byte[]> path = MerkleTree.path(hashes, index);
        assertThat(MerkleTree.verifyInclusion(index, size, hashes.get(index), path, root)).isTrue();
        assertThat(
                        MerkleTree.verifyInclusion(
                                index, size, MerkleTree.leafHash(new byte[] {9}), path, root))
                .isFalse();
        if (size > 1) {
            assertThat(
                            MerkleTree.verifyInclusion(
                                    (index + 1) % size, size, hashes.get(index), path, root))
                    .isFalse();
        }
        assertThat(
                        MerkleTree.verifyInclusion(
                                index, size, hashes.get(index), path, MerkleTree.leafHash(root)))
                .isFalse();
    }

    /**
     * The root over block roots, and a proof made of an in-block path and a block path, equal the
     * plain tree's.
     */
    @Property(tries = 40)
    void blocksAreNodesOfTheTree(
            @ForAll @IntRange(min = 1, max = 2_000) int size,
            @ForAll @IntRange(min = 0, max = 1_999) int pick) {
        List<byte[]> hashes = leaves(size);
        List<byte[]> blocks = new ArrayList<>();
        for (int from = 0; from < size; from += MerkleTree.BLOCK) {
            blocks.add(
                    MerkleTree.root(hashes.subList(from, Math.min(size, from + MerkleTree.BLOCK))));
        }
        assertThat(MerkleTree.root(blocks)).isEqualTo(MerkleTree.root(hashes));
        int index = pick % size;
        int block = index / MerkleTree.BLOCK;
        List<byte[]> path =
                new ArrayList<>(
                        MerkleTree.path(
                                hashes.subList(
                                        block * MerkleTree.BLOCK,
                                        Math.min(size, (block + 1) * MerkleTree.BLOCK)),
                                index % MerkleTree.BLOCK));
        path.addAll(MerkleTree.path(blocks, block));
        assertThat(path)
                .usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(MerkleTree.path(hashes, index));
    }

    @Test
    void aDigestFileReadsBackAndRefusesBlocksThatDoNotMakeItsRoot() {
        List<byte[]> hashes = leaves(600);
        List<byte[]> blocks =
                List.of(
                        MerkleTree.root(hashes.subList(0, 256)),
                        MerkleTree.root(hashes.subList(256, 512)),
                        MerkleTree.root(hashes.subList(512, 600)));
        Digest digest =
                new Digest(
                        600,
                        613,
                        MerkleTree.root(hashes),
                        Instant.parse("2026-11-23T08:00:00Z"),
                        blocks);
        Digest read = Digest.parse(digest.toFile());
        assertThat(read.toFile()).isEqualTo(digest.toFile());
        assertThat(read.rootHex()).isEqualTo(digest.rootHex());

        String forged =
                digest.toFile().replace(HEX.formatHex(blocks.get(1)), HEX.formatHex(blocks.get(0)));
        assertThatThrownBy(() -> Digest.parse(forged))
                .hasMessageContaining("do not hash to its root");
        assertThatThrownBy(() -> Digest.parse("hello")).hasMessageContaining("not a digest file");
    }

    @Test
    void entriesThatDifferInAnyColumnHashDifferently() {
        LedgerEntry entry =
                new LedgerEntry(
                        7,
                        "e",
                        "Record",
                        "r",
                        0,
                        "2026-11-23T08:00:00Z",
                        "record.uploaded",
                        "1",
                        new byte[] {1, 2},
                        new byte[] {3});
        List<LedgerEntry> variants =
                List.of(
                        entry,
                        new LedgerEntry(
                                8,
                                "e",
                                "Record",
                                "r",
                                0,
                                "2026-11-23T08:00:00Z",
                                "record.uploaded",
                                "1",
                                new byte[] {1, 2},
                                new byte[] {3}),
                        new LedgerEntry(
                                7,
                                "e",
                                "Record",
                                "r",
                                0,
                                "2026-11-23T08:00:00Z",
                                "record.uploaded",
                                "1",
                                new byte[] {1, 3},
                                new byte[] {3}),
                        new LedgerEntry(
                                7,
                                "e",
                                "Record",
                                "r",
                                0,
                                "2026-11-23T08:00:00Z",
                                "record.uploaded",
                                "1",
                                new byte[] {1, 2},
                                null),
                        new LedgerEntry(
                                7,
                                "e",
                                "Record",
                                "r",
                                0,
                                "2026-11-23T08:00:00Z",
                                "record.uploaded",
                                null,
                                new byte[] {1, 2},
                                new byte[] {3}),
                        // The same bytes split differently between two fields.
                        new LedgerEntry(
                                7,
                                "e",
                                "Record",
                                "r",
                                0,
                                "2026-11-23T08:00:00Z",
                                "record.uploaded",
                                "1",
                                new byte[] {1},
                                new byte[] {2, 3}));
        assertThat(variants.stream().map(v -> HEX.formatHex(v.leafHash())).distinct())
                .hasSize(variants.size());
    }

    private static List<byte[]> leaves(int size) {
        return IntStream.range(0, size)
                .mapToObj(i -> MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}))
                .toList();
    }
}
