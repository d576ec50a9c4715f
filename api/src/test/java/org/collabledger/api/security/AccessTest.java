package org.collabledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.collabledger.api.security.AccessRules.Rule;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The authorization matrix: every operation of the served API document, called by every kind of
 * caller, answers as its row of {@link AccessRules} says. Nobody gets 401; a role the row does not
 * list gets 403 {@code forbidden}; an artist naming another principal's artist where the row holds
 * artists to their own gets 403 {@code not-your-artist}; everyone else gets past authorization (any
 * other answer: the ids are real, the bodies mostly empty). An operation without a row, or a row
 * without an operation, fails here. No refusal stores an event.
 */
class AccessTest extends H2Ledger {

    /**
     * Who calls: {@code artist} registered the artist every request names, {@code artist2} did not.
     */
    enum Caller {
        NOBODY(null, null),
        ARTIST_FOR_ITSELF("artist", AccessRules.Role.ARTIST),
        ARTIST_FOR_ANOTHER("artist2", AccessRules.Role.ARTIST),
        CURATOR("curator", AccessRules.Role.CURATOR),
        FINANCE("finance", AccessRules.Role.FINANCE),
        AUDITOR("auditor", AccessRules.Role.AUDITOR);

        final String user;
        final AccessRules.Role role;

        Caller(String user, AccessRules.Role role) {
            this.user = user;
            this.role = role;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Test
    void everyOperationOfTheApiDocumentHasOneRowOrIsOpenAndEveryRowAnOperation() {
        JsonNode paths = artist.as(null).get("/v3/api-docs").json().path("paths");
        List<String> documented = new ArrayList<>();
        paths.properties()
                .forEach(
                        path ->
                                path.getValue()
                                        .fieldNames()
                                        .forEachRemaining(
                                                method -> {
                                                    if (path.getKey().startsWith("/api/")) {
                                                        documented.add(
                                                                method.toUpperCase()
                                                                        + " "
                                                                        + path.getKey());
                                                    } else {
                                                        assertThat(AccessRules.OPEN)
                                                                .as(
                                                                        path.getKey()
                                                                                + " is neither under /api nor open")
                                                                .anyMatch(
                                                                        open ->
                                                                                PathPatternParser
                                                                                        .defaultInstance
                                                                                        .parse(open)
                                                                                        .matches(
                                                                                                PathContainer
                                                                                                        .parsePath(
                                                                                                                path
                                                                                                                        .getKey())));
                                                        assertThat(
                                                                        artist.as(null)
                                                                                .send(
                                                                                        method
                                                                                                .toUpperCase(),
                                                                                        path
                                                                                                .getKey(),
                                                                                        null)
                                                                                .status())
                                                                .as(
                                                                        "nobody "
                                                                                + method
                                                                                + " "
                                                                                + path.getKey())
                                                                .isNotIn(401, 403);
                                                    }
                                                }));
        assertThat(AccessRules.API.stream().map(AccessTest::operation).toList())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void everyCallerGetsWhatItsRowSaysAndNoRefusalStoresAnything() {
        JsonNode document = artist.as(null).get("/v3/api-docs").json().path("paths");
        Fixture fixture = fixture();
        SoftAssertions softly = new SoftAssertions();
        for (Rule rule : AccessRules.API) {
            JsonNode operation =
                    document.path(rule.path()).path(rule.method().name().toLowerCase());
            String path = fixture.path(rule.path(), operation);
            if (rule.artistLimit() == AccessRules.ArtistLimit.ARTIST_IN_BODY) {
                assertThat(fixture.bodies())
                        .as("a body naming the artist, for " + operation(rule))
                        .containsKey(operation(rule));
            }
            Object body =
                    operation.has("requestBody")
                            ? fixture.bodies().getOrDefault(operation(rule), Map.of())
                            : null;
            for (Caller caller : Caller.values()) {
                long before = feed.count();
                LedgerHttp.Response answer =
                        artist.as(caller.user).send(rule.method().name(), path, body);
                String attempt = caller + " " + rule.method() + " " + path + " -> " + answer;
                String refusal = expectedRefusal(rule, caller);
                if (refusal == null) {
                    softly.assertThat(answer.status()).as(attempt).isNotIn(401, 403);
                    continue;
                }
                softly.assertThat(answer.status())
                        .as(attempt)
                        .isEqualTo(refusal.equals("unauthenticated") ? 401 : 403);
                softly.assertThat(answer.contentType())
                        .as(attempt)
                        .startsWith("application/problem+json");
                softly.assertThat(
                                answer.json() == null ? null : answer.json().path("code").asText())
                        .as(attempt)
                        .isEqualTo(refusal);
                softly.assertThat(feed.count())
                        .as("nothing stored by " + attempt)
                        .isEqualTo(before);
            }
        }
        softly.assertAll();
    }

    /** The code a caller is refused with, or null when it may call the operation. */
    private static String expectedRefusal(Rule rule, Caller caller) {
        if (caller == Caller.NOBODY) {
            return "unauthenticated";
        }
        if (!rule.roles().contains(caller.role)) {
            return "forbidden";
        }
        if (caller != Caller.ARTIST_FOR_ANOTHER) {
            return null;
        }
        return switch (rule.artistLimit()) {
            case NONE, OWN_MONEY_FILTERED -> null;
            case ARTIST_IN_PATH, ARTIST_IN_BODY, OWN_MONEY -> "not-your-artist";
        };
    }

    private static String operation(Rule rule) {
        return rule.method().name() + " " + rule.path();
    }

    /**
     * Real ledger data of one artist registered by {@code artist}, for every path variable and
     * body.
     */
    private record Fixture(Map<String, String> values, Map<String, Object> bodies) {

        /** The path with its variables and required query parameters filled from the fixture. */
        String path(String template, JsonNode operation) {
            Matcher variables = VARIABLE.matcher(template);
            StringBuilder path = new StringBuilder();
            while (variables.find()) {
                variables.appendReplacement(path, value(variables.group(1), template));
            }
            variables.appendTail(path);
            String separator = "?";
            for (JsonNode parameter : operation.path("parameters")) {
                if (parameter.path("in").asText().equals("query")
                        && parameter.path("required").asBoolean()) {
                    path.append(separator)
                            .append(parameter.path("name").asText())
                            .append('=')
                            .append(value(parameter.path("name").asText(), template));
                    separator = "&";
                }
            }
            return path.toString();
        }

        private String value(String name, String template) {
            assertThat(values)
                    .as("a fixture value for " + name + " in " + template)
                    .containsKey(name);
            return values.get(name);
        }
    }

    private Fixture fixture() {
        String own = scenario.artist("own" + UUID.randomUUID().toString().substring(0, 8));
        String record = scenario.upload(own, "mine " + UUID.randomUUID());
        String release =
                scenario.release(
                        Map.of(
                                "title",
                                "Matrix",
                                "kind",
                                "ALBUM",
                                "fundingModel",
                                "BUDGET",
                                "budget",
                                Map.of("amount", 100_000, "currency", "USD")));
        scenario.select(release, record, 1, "music");
        scenario.publish(release);
        String entry =
                created(
                        finance.post(
                                "/api/releases/" + release + "/revenue",
                                Map.of(
                                        "amount",
                                        700,
                                        "currency",
                                        "USD",
                                        "period",
                                        "2026-H2",
                                        "sourceRef",
                                        "sales")));
        String allocation =
                created(
                        curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD", "pool", 5_000, "reviewDays", 0)));
        assertThat(finance.post("/api/allocations/" + allocation + "/finalize", Map.of()).status())
                .isEqualTo(200);
        String run =
                created(
                        finance.post(
                                "/api/payout-runs", Map.of("currency", "USD", "threshold", 1_000)));
        String collaboration =
                created(
                        curator.post(
                                "/api/collaborations",
                                Map.of(
                                        "title",
                                        "Open call",
                                        "theme",
                                        "snow",
                                        "prompt",
                                        "make snow")));
        caughtUp();
        String payment =
                auditor.get("/api/payout-runs/" + run)
                        .json()
                        .path("payments")
                        .get(0)
                        .path("paymentId")
                        .asText();
        String paid =
                auditor.get("/api/events?type=treasury.payment-issued")
                        .json()
                        .path("events")
                        .get(0)
                        .path("eventId")
                        .asText();
        Map<String, String> values =
                new HashMap<>(
                        Map.of(
                                "artistId",
                                own,
                                "recordId",
                                record,
                                "releaseId",
                                release,
                                "allocationId",
                                allocation,
                                "paymentId",
                                payment,
                                "runId",
                                run,
                                "collaborationId",
                                collaboration,
                                "entryId",
                                entry,
                                "eventId",
                                paid,
                                "currency",
                                "USD"));
        values.putAll(Map.of("to", record, "kind", "artists", "id", own));
        return new Fixture(
                values,
                Map.of(
                        "POST /api/records",
                                Scenario.uploadBody(own, "matrix " + UUID.randomUUID(), List.of()),
                        "POST /api/collaborations/{collaborationId}/submissions",
                                Map.of("recordId", record),
                        "POST /api/allocations/{allocationId}/comments",
                                Map.of("artistId", own, "claim", "OMITTED", "text", "count me")));
    }

    private static String created(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
