package org.collabledger.api.web;

/**
 * An {@code Idempotency-Key} whose first request is still running (or stopped before its outcome
 * was kept).
 */
public class IdempotencyKeyInProgress extends RuntimeException {

    public IdempotencyKeyInProgress(String message) {
        super(message, null, false, false);
    }
}
