package org.collabledger.domain.release;

/** What kind of production a release is. */
public enum ReleaseKind {
    EPISODE,
    BOOK,
    ALBUM,
    FILM,
    OTHER
}
