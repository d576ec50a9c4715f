package org.collabledger.api.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * A refusal before the controller: the artist the request names is not one the principal
 * registered.
 */
final class NotYourArtist extends AccessDeniedException {

    private final String field;

    NotYourArtist(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
