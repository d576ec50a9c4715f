package org.collabledger.api.web;

/** An {@code Idempotency-Key} sent again with a different request than the one it first named. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String message) {
        super(message, null, false, false);
    }
}
