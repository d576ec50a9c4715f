package org.collabledger.api.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The first outcome of each {@code Idempotency-Key}, per principal, written in the same transaction as
 * the command's events: either both are stored or neither is.
 */
@Component
public class IdempotencyStore {

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored outcome of a key. */
    public record Outcome(String fingerprint, int status, String location, byte[] body) {
    }

    public Optional<Outcome> find(String principal, String key) {
        return jdbc.query("select fingerprint, status, location, body from idempotency_key "
                        + "where principal = ? and request_key = ?",
                (rs, row) -> new Outcome(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBytes(4)),
                principal, key).stream().findFirst();
    }

    /** Stores the outcome; a concurrent first use of the same key fails here and rolls its command back. */
    public void save(String principal, String key, Outcome outcome, Instant at) {
        jdbc.update("insert into idempotency_key (principal, request_key, fingerprint, status, location, body, "
                        + "created_at) values (?, ?, ?, ?, ?, ?, ?)",
                principal, key, outcome.fingerprint(), outcome.status(), outcome.location(), outcome.body(),
                Timestamp.from(at));
    }
}
