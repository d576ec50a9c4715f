package org.collabledger.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.collabledger.api.catalog.CatalogFollower;
import org.collabledger.api.operations.CommandMetrics;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.storage.StorageConfiguration;
import org.collabledger.api.storage.StorageProperties;
import org.collabledger.api.storage.WrittenPosition;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends commands from the HTTP edge: stamps the authenticated actor and the correlation id into
 * their metadata, runs each in one database transaction, and honours {@code Idempotency-Key} so a
 * retried request returns its first outcome and stores nothing new.
 */
@Component
public class CommandDispatcher {

    /** Header a client may send to correlate its own logs with the ledger's events. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(CommandDispatcher.class);

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final CommandGateway gateway;
    private final TransactionTemplate transaction;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReadYourWrites readYourWrites;
    private final Projections projections;
    private final CommandMetrics metrics;

    private final boolean eventsElsewhere;

    public CommandDispatcher(
            CommandGateway gateway,
            TransactionTemplate transaction,
            IdempotencyStore idempotency,
            ObjectMapper json,
            Clock clock,
            StorageProperties storage,
            ReadYourWrites readYourWrites,
            Projections projections,
            CommandMetrics metrics) {
        this.metrics = metrics;
        this.readYourWrites = readYourWrites;
        this.projections = projections;
        this.eventsElsewhere = storage.eventsElsewhere();
        this.gateway = gateway;
        this.transaction = transaction;
        this.idempotency = idempotency;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The result of a command for the HTTP response: its status, its optional location and its
     * body.
     */
    public record Result(HttpStatus status, URI location, Object body) {

        /** {@code 201 Created} of a new thing at {@code location}, with its id in the body. */
        public static Result created(String id, String location) {
            return new Result(HttpStatus.CREATED, URI.create(location), Map.of("id", id));
        }

        /** {@code 200 OK} with a body. */
        public static Result ok(Object body) {
            return new Result(HttpStatus.OK, null, body);
        }
    }

    /**
     * Runs {@code command} (which sends one or more commands through {@link #send}) in one
     * transaction. With an idempotency key, the first outcome is stored with the events and
     * returned on every retry. The answer carries the global position of the command's last event
     * ({@link ReadYourWrites#HEADER}, and {@code ledgerPosition} in the body); a retry answered
     * from its first outcome carries the newest position, which is at or above it. The body is
     * answered as {@code answer}, the type the API document gives it.
     */
    public <T extends CommandAnswer> ResponseEntity<T> execute(
            HttpServletRequest request,
            Object requestBody,
            Class<T> answer,
            Supplier<Result> command) {
        WrittenPosition.clear();
        ResponseEntity<Object> response = run(request, requestBody, command);
        long position = WrittenPosition.take().orElseGet(projections::head);
        readYourWrites.acknowledged(position);
        Object body = response.getBody();
        if (body instanceof String stored && stored.startsWith("{")) {
            body = read(stored);
        }
        if (body instanceof Map<?, ?> fields) {
            Map<Object, Object> positioned = new LinkedHashMap<>(fields);
            positioned.put("ledgerPosition", position);
            body = positioned;
        }
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(ReadYourWrites.HEADER, Long.toString(position))
                .body(json.convertValue(body, answer));
    }

    private Map<?, ?> read(String storedBody) {
        try {
            return json.readValue(storedBody, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored idempotent outcome is not a JSON object", e);
        }
    }

    private ResponseEntity<Object> run(
            HttpServletRequest request, Object requestBody, Supplier<Result> command) {
        String principal = actor();
        String key = request.getHeader("Idempotency-Key");
        if (key == null) {
            return inTransaction(command, response -> {});
        }
        if (!KEY.matcher(key).matches()) {
            throw new org.collabledger.domain.shared.Refusal(
                    org.collabledger.domain.shared.ErrorCode.INVALID_INPUT,
                    "Idempotency-Key",
                    "Idempotency-Key must be 1-128 visible ASCII characters");
        }
        String fingerprint = fingerprint(request, requestBody);
        if (eventsElsewhere) {
            return executeReserved(principal, key, fingerprint, command);
        }
        try {
            return transaction.execute(
                    status ->
                            idempotency
                                    .find(principal, key)
                                    .map(stored -> replay(stored, fingerprint))
                                    .orElseGet(
                                            () -> {
                                                ResponseEntity<Object> response =
                                                        toResponse(command.get());
                                                idempotency.save(
                                                        principal,
                                                        key,
                                                        outcome(fingerprint, response),
                                                        clock.instant());
                                                return response;
                                            }));
        } catch (DuplicateKeyException raced) {
            // A concurrent request with the same key committed first; ours rolled back whole.
            // Answer as it did.
            return idempotency
                    .find(principal, key)
                    .map(stored -> replay(stored, fingerprint))
                    .orElseThrow(() -> raced);
        }
    }

    /**
     * With the events outside this database no transaction holds both, so the key is reserved
     * first, in a transaction of its own: a second use while the first runs is refused (409), never
     * run twice. A command that fails releases the key; one whose events are stored keeps its
     * outcome, with its catalog rows or, when that transaction fails, in one of its own. A retry is
     * answered only once the catalog holds every event stored when it came ({@link #awaitCatalog}).
     */
    private ResponseEntity<Object> executeReserved(
            String principal, String key, String fingerprint, Supplier<Result> command) {
        Optional<IdempotencyStore.Outcome> earlier;
        try {
            earlier =
                    transaction.execute(
                            status -> {
                                Optional<IdempotencyStore.Outcome> found =
                                        idempotency.find(principal, key);
                                if (found.isEmpty()) {
                                    idempotency.save(
                                            principal,
                                            key,
                                            new IdempotencyStore.Outcome(
                                                    fingerprint,
                                                    IdempotencyStore.PENDING,
                                                    null,
                                                    new byte[0]),
                                            clock.instant());
                                }
                                return found;
                            });
        } catch (DuplicateKeyException raced) {
            earlier = idempotency.find(principal, key);
        }
        if (earlier.isPresent()) {
            if (earlier.get().status() == IdempotencyStore.PENDING) {
                if (!earlier.get().fingerprint().equals(fingerprint)) {
                    throw new IdempotencyKeyReused(
                            "this Idempotency-Key was first used for a different request");
                }
                throw new IdempotencyKeyInProgress(
                        "the first request with this Idempotency-Key has not finished; "
                                + "ask again later");
            }
            ResponseEntity<Object> replayed = replay(earlier.get(), fingerprint);
            awaitCatalog("the first request with this Idempotency-Key");
            return replayed;
        }
        try {
            return inTransaction(
                    command,
                    response ->
                            idempotency.complete(principal, key, outcome(fingerprint, response)));
        } catch (CatalogCatchingUp stored) {
            throw stored;
        } catch (RuntimeException failed) {
            transaction.executeWithoutResult(status -> idempotency.release(principal, key));
            throw failed;
        }
    }

    /**
     * Runs {@code command} and {@code keep} (which keeps its outcome) in one transaction. With the
     * events in KurrentDB they are stored before it commits; when the commit then fails, the {@link
     * CatalogFollower} writes their catalog rows from the log, and the command is answered with its
     * success only once it has: the rules that read the catalog must never run on one that lacks
     * events a client was told are stored.
     */
    private ResponseEntity<Object> inTransaction(
            Supplier<Result> command, Consumer<ResponseEntity<Object>> keep) {
        AtomicReference<ResponseEntity<Object>> answered = new AtomicReference<>();
        try {
            transaction.executeWithoutResult(
                    status -> {
                        answered.set(toResponse(command.get()));
                        keep.accept(answered.get());
                    });
        } catch (RuntimeException failed) {
            if (!eventsElsewhere || answered.get() == null) {
                throw failed;
            }
            LOG.warn(
                    "a command stored its events but its database transaction then failed; it is answered "
                            + "once the catalog follower has written them",
                    failed);
            try {
                transaction.executeWithoutResult(status -> keep.accept(answered.get()));
            } catch (RuntimeException notKept) {
                throw new CatalogCatchingUp("this command", notKept);
            }
            awaitCatalog("this command");
        }
        return answered.get();
    }

    /** With the events elsewhere, waits until the catalog holds every event stored now. */
    private void awaitCatalog(String whose) {
        if (!eventsElsewhere) {
            return;
        }
        try {
            projections.awaitCaughtUp(
                    CatalogFollower.PROCESSING_GROUP, readYourWrites.longestWait());
        } catch (RuntimeException behind) {
            throw new CatalogCatchingUp(whose, behind);
        }
    }

    /** What a retry with the same key is answered with. */
    private IdempotencyStore.Outcome outcome(String fingerprint, ResponseEntity<Object> response) {
        return new IdempotencyStore.Outcome(
                fingerprint,
                response.getStatusCode().value(),
                response.getHeaders().getLocation() == null
                        ? null
                        : response.getHeaders().getLocation().toString(),
                bytes(response.getBody()));
    }

    /** Sends one command with the request's actor and correlation id, waiting for its outcome. */
    public <R> R send(Object command) {
        return metrics.timed(
                command,
                () ->
                        gateway.sendAndWait(
                                command,
                                MetaData.with(StorageConfiguration.ACTOR, actor())
                                        .and(
                                                StorageConfiguration.CORRELATION_ID,
                                                correlationId())));
    }

    /**
     * The aggregate version an {@code If-Match} header expects ({@code "3"}, {@code W/"3"}), or
     * null without one; refused when it is not a version the ledger gave out as an {@code ETag}.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        String tag = ifMatch.strip();
        tag = tag.startsWith("W/") ? tag.substring(2) : tag;
        Refusal.require(
                tag.matches("\"[0-9]{1,18}\""),
                ErrorCode.INVALID_INPUT,
                "If-Match",
                "If-Match must be the ETag of the resource as read, such as \"3\"");
        return Long.parseLong(tag.substring(1, tag.length() - 1));
    }

    /** A fresh ledger id. */
    public String newId() {
        return UUID.randomUUID().toString();
    }

    private ResponseEntity<Object> replay(IdempotencyStore.Outcome stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReused(
                    "this Idempotency-Key was first used for a different request");
        }
        var builder =
                ResponseEntity.status(stored.status())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotent-Replayed", "true");
        if (stored.location() != null) {
            builder.location(URI.create(stored.location()));
        }
        return builder.body(new String(stored.body(), StandardCharsets.UTF_8));
    }

    private static ResponseEntity<Object> toResponse(Result result) {
        var builder = ResponseEntity.status(result.status());
        if (result.location() != null) {
            builder.location(result.location());
        }
        return builder.body(result.body());
    }

    private String fingerprint(HttpServletRequest request, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(
                    (request.getMethod() + " " + request.getRequestURI() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
            sha.update(bytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JVM", impossible);
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body as JSON", e);
        }
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("commands are only sent for authenticated requests");
        }
        return authentication.getName();
    }

    private static String correlationId() {
        var attributes =
                org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (attributes
                instanceof
                org.springframework.web.context.request.ServletRequestAttributes servlet) {
            String header = servlet.getRequest().getHeader(CORRELATION_HEADER);
            if (header != null && header.matches("[A-Za-z0-9._-]{1,64}")) {
                return header;
            }
            Object generated = servlet.getRequest().getAttribute(CORRELATION_HEADER);
            if (generated == null) {
                generated = UUID.randomUUID().toString();
                servlet.getRequest().setAttribute(CORRELATION_HEADER, generated);
            }
            return generated.toString();
        }
        return UUID.randomUUID().toString();
    }
}
