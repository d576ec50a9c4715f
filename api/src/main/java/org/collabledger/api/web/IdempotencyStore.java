package org.collabledger.api.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The first outcome of each {@code Idempotency-Key}, per principal. With the events in this
 * database it is written in the same transaction as the command's events: either both are stored or
 * neither is. With the events in KurrentDB the key is first reserved in a transaction of its own
 * ({@link #PENDING}), so a concurrent second use is refused instead of running the command twice.
 */
@Component
public class IdempotencyStore {

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The status of a reserved key whose command has not finished. */
    public static final int PENDING = 0;

    /** The stored outcome of a key. */
    public record Outcome(String fingerprint, int status, String location, byte[] body) {}

    public Optional<Outcome> find(String principal, String key) {
        return jdbc
                .query(
                        "select fingerprint, status, location, body from idempotency_key "
                                + "where principal = ? and request_key = ?",
                        (rs, row) ->
                                new Outcome(
                                        rs.getString(1),
                                        rs.getInt(2),
                                        rs.getString(3),
                                        rs.getBytes(4)),
                        principal,
                        key)
                .stream()
                .findFirst();
    }

    /** Replaces a reservation by its outcome. */
    public void complete(String principal, String key, Outcome outcome) {
        jdbc.update(
                "update idempotency_key set status = ?, location = ?, body = ? where principal = ? "
                        + "and request_key = ? and status = ?",
                outcome.status(),
                outcome.location(),
                outcome.body(),
                principal,
                key,
                PENDING);
    }

    /** Drops a reservation whose command failed, so the key may be used again. */
    public void release(String principal, String key) {
        jdbc.update(
                "delete from idempotency_key where principal = ? and request_key = ? and status = ?",
                principal,
                key,
                PENDING);
    }

    /**
     * Stores the outcome; a concurrent first use of the same key fails here and rolls its command
     * back.
     */
    public void save(String principal, String key, Outcome outcome, Instant at) {
        jdbc.update(
                "insert into idempotency_key (principal, request_key, fingerprint, status, location, body, "
                        + "created_at) values (?, ?, ?, ?, ?, ?, ?)",
                principal,
                key,
                outcome.fingerprint(),
                outcome.status(),
                outcome.location(),
                outcome.body(),
                Timestamp.from(at));
    }
}
