package org.collabledger.projections.lineage;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative int keys to int values, so a walk over thousands of
 * lineage nodes allocates a few arrays instead of a boxed entry per node. Keys and values are kept
 * in insertion order; the hash table holds each key's place in that order.
 */
final class IntIntMap {

    private static final int FREE = -1;

    private int[] keys;

    /** Per slot, the key's place in insertion order, where its value is kept. */
    private int[] positions;

    private int size;
    private int[] insertion;
    private int[] insertionValues;

    IntIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new int[capacity];
        positions = new int[capacity];
        Arrays.fill(keys, FREE);
        insertion = new int[Math.max(16, expected)];
        insertionValues = new int[insertion.length];
    }

    int size() {
        return size;
    }

    boolean containsKey(int key) {
        return slot(key) >= 0;
    }

    /** The value of {@code key}, or {@code missing} when absent. */
    int get(int key, int missing) {
        int slot = slot(key);
        return slot >= 0 ? insertionValues[positions[slot]] : missing;
    }

    /**
     * Stores {@code value} under {@code key}; returns false when the key was already there (value
     * kept).
     */
    boolean putIfAbsent(int key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != FREE) {
            if (keys[slot] == key) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        positions[slot] = size;
        if (size == insertion.length) {
            insertion = Arrays.copyOf(insertion, size * 2);
            insertionValues = Arrays.copyOf(insertionValues, size * 2);
        }
        insertion[size] = key;
        insertionValues[size++] = value;
        return true;
    }

    /** The {@code i}-th key in insertion order. */
    int keyAt(int i) {
        return insertion[i];
    }

    /** The value of the {@code i}-th key in insertion order, without a lookup. */
    int valueAt(int i) {
        return insertionValues[i];
    }

    /** The place of {@code key} in insertion order, or -1 when absent. */
    int indexOf(int key) {
        int slot = slot(key);
        return slot >= 0 ? positions[slot] : -1;
    }

    private int slot(int key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != FREE) {
            if (keys[slot] == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldPositions = positions;
        keys = new int[oldKeys.length * 2];
        positions = new int[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = mix(oldKeys[i]) & mask;
                while (keys[slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                positions[slot] = oldPositions[i];
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
