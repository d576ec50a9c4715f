package org.collabledger.api.web;

/** A read of something that does not exist; answered with 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message, null, false, false);
    }
}
