package org.collabledger.domain.record;

/**
 * What kind of media a record's content is. The ledger keeps metadata and digests, never the bytes.
 */
public enum MediaType {
    AUDIO,
    VIDEO,
    IMAGE,
    TEXT
}
