package org.collabledger.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.collabledger.domain.shared.Text;

/**
 * Requests for the operations of the API document: valid-looking ones built from each operation's
 * schemas and filled with real ids the suite created or was shown, and hostile variants of them.
 * One seed fixes the whole sequence, so a run can be repeated.
 */
final class HostileRequests {

    /** What a request changes in a valid-looking one. */
    enum Variant {
        VALID,
        WRONG_TYPE,
        BOUNDS,
        DUPLICATE_KEY,
        ODD_UNICODE,
        BAD_ID,
        OVERSIZED,
        CONTENT_TYPE,
        MISSING_BODY,
        UNKNOWN_FIELD,
        MALFORMED_JSON,
        ODD_QUERY
    }

    /** What the answer must be, beyond what every answer must be. */
    enum Expect {
        ANY,
        REFUSED,
        TOO_LARGE
    }

    /** One operation with one variant. */
    record Step(ApiOperation operation, Variant variant) {}

    /** A request as sent: by whom ({@code null} for nobody), what, and what its answer must be. */
    record Request(
            String operation,
            String role,
            String method,
            String path,
            byte[] body,
            boolean chunked,
            Map<String, String> headers,
            Variant variant,
            String change,
            Expect expect) {

        String describe() {
            String sent =
                    body == null
                            ? "no body"
                            : shorten(new String(body, StandardCharsets.UTF_8), 160)
                                    + (body.length > 160
                                            ? " ("
                                                    + body.length
                                                    + " bytes"
                                                    + (chunked ? ", chunked)" : ")")
                                            : "");
            return (role == null ? "anonymous" : role)
                    + " "
                    + method
                    + " "
                    + shorten(path, 160)
                    + " ["
                    + variant
                    + ": "
                    + shorten(change, 100)
                    + "] content-type "
                    + headers.getOrDefault("content-type", "none")
                    + (headers.containsKey("Idempotency-Key")
                            ? ", key " + headers.get("Idempotency-Key")
                            : "")
                    + ", "
                    + sent;
        }
    }

    private static final List<String> ROLES =
            Arrays.asList(null, "artist", "artist2", "curator", "finance", "auditor");

    /**
     * The verifier reads a digest file of up to 32 MiB (BodyLimitFilter); every other body stops at
     * 64 KiB.
     */
    private static final Set<String> LARGE_BODIES = Set.of("POST /api/ledger/verify");

    private static final int OVER_LIMIT = 70_000;

    /**
     * What the ledger refuses in any text: control and format characters but tab and newline, lone
     * surrogates.
     */
    private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}&&[^\\n\\t]]");

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}]");
    private static final String NOT_UTF8 = "@@not-utf-8@@";

    private static final List<String> ODD_TEXT =
            List.of(
                    "\ud800",
                    "x\udfffy",
                    "\ud83c",
                    "\u0000",
                    "a\u0007b",
                    "\u001b[31mred",
                    "\u007f",
                    "\u0085",
                    "\u202egnp.exe",
                    "\u200b",
                    "\ufeffbom",
                    "soft\u00adhyphen",
                    "\ud83c\udfb5\ud83c\udfb6",
                    "e\u0301\u0301\u0301",
                    "\u2028",
                    "\uffff",
                    "\ud83d\udc68\u200d\ud83d\udc69",
                    "a\tb",
                    "line\nbreak",
                    "\r\n",
                    NOT_UTF8);
    private static final List<byte[]> NOT_UTF8_BYTES =
            List.of(
                    new byte[] {(byte) 0xc3, 0x28},
                    new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[] {(byte) 0xc0, (byte) 0x80},
                    new byte[] {(byte) 0xff},
                    new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
    private static final List<String> STRING_BOUNDS =
            List.of(
                    "",
                    " ",
                    "\t",
                    "x".repeat(5_000),
                    "x".repeat(60_000),
                    "1/0",
                    "-1/2",
                    "0/1",
                    "1/-2",
                    "99999999999999999999/1",
                    "1e309",
                    "NaN",
                    "-0",
                    "null",
                    "0");
    private static final List<String> NUMBER_BOUNDS =
            List.of(
                    "-1",
                    "0",
                    "-0",
                    "9223372036854775807",
                    "-9223372036854775808",
                    "9223372036854775808",
                    "-9223372036854775809",
                    "2147483647",
                    "2147483648",
                    "-2147483649",
                    "1e309",
                    "-1e309",
                    "1.0",
                    "1E2",
                    "1e-400",
                    "1" + "0".repeat(400),
                    "null");
    private static final List<String> QUERY_BOUNDS =
            List.of(
                    "-1",
                    "0",
                    "9223372036854775807",
                    "9223372036854775808",
                    "-9223372036854775808",
                    "1e309",
                    "",
                    "NaN",
                    "1%2F0",
                    "-1%2F2",
                    "x".repeat(3_000),
                    "x".repeat(10_000));
    private static final List<String> IF_MATCH =
            List.of(
                    "\"99999999999999999999\"",
                    "\"-1\"",
                    "*",
                    "W/\"1\"",
                    "garbage",
                    "\"1\", \"2\"",
                    "",
                    "\"0\"");

    /** Ids that are not ledger ids; the ones marked raw go into the path as they are, unencoded. */
    private static final List<String> MALFORMED_IDS =
            List.of(
                    "not-a-uuid",
                    "raw:../../etc/passwd",
                    "raw:..%2F..%2Fetc%2Fpasswd",
                    "raw:%2e%2e",
                    "raw:..",
                    "00000000-0000-0000-0000-00000000000g",
                    "UPPER",
                    " padded",
                    "{braced}",
                    "'; drop table domain_event_entry; --",
                    "x".repeat(300),
                    "",
                    "%00");

    private static final List<String> UNKNOWN_NAMES =
            List.of(
                    "actor",
                    "id",
                    "owner",
                    "status",
                    "__proto__",
                    "createdAt",
                    "",
                    "a".repeat(300));
    private static final List<String> CONTENT_TYPES =
            Arrays.asList(
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    null,
                    "application/xml",
                    "application/octet-stream",
                    "multipart/form-data; boundary=fuzz",
                    "application/json; charset=UTF-16",
                    "application/jsonp",
                    "*/*",
                    "application/*",
                    "json");
    private static final List<String> KINDS =
            List.of(
                    "artists",
                    "records",
                    "collaborations",
                    "releases",
                    "allocations",
                    "treasuries");

    /** Names of id fields and collections, as the noun of the thing they name. */
    private static final Map<String, String> NOUNS =
            Map.ofEntries(
                    Map.entry("creator", "artist"),
                    Map.entry("resource", "record"),
                    Map.entry("waivedArtist", "artist"),
                    Map.entry("correctedEvent", "event"),
                    Map.entry("payout-runs", "run"),
                    Map.entry("entries", "entry"),
                    Map.entry("selections", "record"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long seed;
    private final Random random;
    private final Map<String, List<String>> ids = new HashMap<>();
    private final Map<String, List<String>> madeIds = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private final Map<String, List<String>> admitted = new HashMap<>();
    private int serial;

    HostileRequests(long seed) {
        this.seed = seed;
        this.random = new Random(~seed);
    }

    /**
     * {@code count} steps: every operation with every variant in turn (valid ones thrice), in
     * seeded order. The order has a generator of its own, so a shorter run with the same seed sends
     * the first requests of a longer.
     */
    List<Step> schedule(List<ApiOperation> operations, int count) {
        Random order = new Random(seed);
        List<Step> round = new ArrayList<>();
        for (ApiOperation operation : operations) {
            for (Variant variant : Variant.values()) {
                for (int i = variant == Variant.VALID ? 3 : 1; i > 0; i--) {
                    round.add(new Step(operation, variant));
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        while (steps.size() < count) {
            Collections.shuffle(round, order);
            steps.addAll(round.subList(0, Math.min(round.size(), count - steps.size())));
        }
        return steps;
    }

    /**
     * Notes which roles get past sign-in and role checks for the request's operation, so most later
     * requests reach its handler, and the ids a successful answer names.
     */
    void answered(Request request, LedgerHttp.Response response) {
        if (response.status() != 401 && response.status() != 403) {
            List<String> roles =
                    admitted.computeIfAbsent(request.operation(), operation -> new ArrayList<>());
            if (!roles.contains(request.role())) {
                roles.add(request.role());
            }
        }
        if (response.status() < 300) {
            learn(response, false);
        }
    }

    /**
     * Notes the ids an answer names (its location, its {@code *Id} fields), so later requests can
     * use them; half the time they use one of those the suite {@code made} last, which have the
     * most state to reach.
     */
    void learn(LedgerHttp.Response response, boolean made) {
        String location = response.header("location");
        JsonNode json = response.json();
        if (location != null && json != null && json.path("id").isTextual()) {
            String[] segments = location.split("/");
            for (int i = 1; i < segments.length; i++) {
                if (segments[i].equals(json.path("id").asText())) {
                    remember(noun(segments[i - 1]), segments[i], made);
                }
            }
        }
        if (json != null) {
            harvest(json, 0, made);
        }
    }

    /** The request of {@code step}, sent by a role picked at random. */
    Request build(Step step) {
        ApiOperation operation = step.operation();
        Draft draft = new Draft();
        for (ApiOperation.Parameter parameter : operation.in("path")) {
            draft.path.put(parameter.name(), percent(validText(parameter.name())));
        }
        for (ApiOperation.Parameter parameter : operation.in("query")) {
            if (parameter.required() || random.nextInt(3) == 0) {
                draft.query.add(
                        new String[] {
                            parameter.name(),
                            percent(asText(valid(parameter.schema(), parameter.name())))
                        });
            }
        }
        if (operation.jsonBody() != null) {
            draft.body = valid(operation.jsonBody(), "body");
            draft.contentType = "application/json";
        }
        switch (step.variant()) {
            case VALID -> draft.change = "none";
            case WRONG_TYPE -> wrongType(operation, draft);
            case BOUNDS -> bounds(operation, draft);
            case DUPLICATE_KEY -> duplicateKey(operation, draft);
            case ODD_UNICODE -> oddUnicode(operation, draft);
            case BAD_ID -> badId(operation, draft);
            case OVERSIZED -> oversized(operation, draft);
            case CONTENT_TYPE -> contentType(operation, draft);
            case MISSING_BODY -> missingBody(operation, draft);
            case UNKNOWN_FIELD -> unknownField(operation, draft);
            case MALFORMED_JSON -> malformed(operation, draft);
            case ODD_QUERY -> oddQuery(operation, draft);
        }
        List<String> admittedRoles = admitted.get(operation.name());
        String role =
                admittedRoles != null && random.nextInt(4) > 0 ? pick(admittedRoles) : pick(ROLES);
        if (role == null && operation.path().startsWith("/api/") && draft.expect == Expect.ANY) {
            draft.expect = Expect.REFUSED;
        }
        if (random.nextInt(4) == 0) {
            draft.headers.put("Idempotency-Key", idempotencyKey());
        }
        return draft.request(role, operation, step.variant());
    }

    /** What a variant made of the valid-looking request, before it is sent. */
    private static final class Draft {
        final Map<String, String> path = new LinkedHashMap<>();
        final List<String[]> query = new ArrayList<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        JsonNode body;
        byte[] raw;
        byte[] notUtf8;
        boolean chunked;
        String contentType;
        String change = "nothing to change";
        Expect expect = Expect.ANY;

        /** Sends {@code text} as the JSON body, exactly as it is. */
        void json(String text) {
            raw = text.getBytes(StandardCharsets.UTF_8);
            contentType = "application/json";
            change = shorten(text, 60);
        }

        Request request(String role, ApiOperation operation, Variant variant) {
            String target = operation.path();
            for (Map.Entry<String, String> value : path.entrySet()) {
                target = target.replace("{" + value.getKey() + "}", value.getValue());
            }
            StringBuilder url = new StringBuilder(target);
            for (String[] parameter : query) {
                url.append(url.indexOf("?") < 0 ? '?' : '&')
                        .append(parameter[0])
                        .append('=')
                        .append(parameter[1]);
            }
            if (contentType != null) {
                headers.put("content-type", contentType);
            }
            return new Request(
                    operation.name(),
                    role,
                    operation.method(),
                    url.toString(),
                    bytes(),
                    chunked,
                    Map.copyOf(headers),
                    variant,
                    change,
                    expect);
        }

        private byte[] bytes() {
            byte[] bytes =
                    raw != null
                            ? raw
                            : body == null ? null : write(body).getBytes(StandardCharsets.UTF_8);
            if (bytes == null || notUtf8 == null) {
                return bytes;
            }
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int at = text.indexOf(NOT_UTF8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, at);
            out.writeBytes(notUtf8);
            out.write(bytes, at + NOT_UTF8.length(), bytes.length - at - NOT_UTF8.length());
            return out.toByteArray();
        }
    }

    /**
     * A place in the body (its {@code parent} is null for the whole body) or a parameter a variant
     * may change.
     */
    private record Slot(
            String in, String name, JsonNode schema, JsonNode parent, String field, int index) {

        String type() {
            return schema.has("enum") ? "enum" : schema.path("type").asText("");
        }

        boolean isId() {
            return name.matches(".*Ids?(\\[\\d+])?");
        }
    }

    private void wrongType(ApiOperation operation, Draft draft) {
        List<Slot> slots =
                new ArrayList<>(
                        bodySlots(operation, draft).stream()
                                .filter(slot -> !slot.type().isEmpty())
                                .toList());
        parameterSlots(operation, "query").stream()
                .filter(slot -> Set.of("integer", "number", "boolean").contains(slot.type()))
                .forEach(slots::add);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = pickPreferringBody(slots);
        if (slot.in().equals("query")) {
            setParameter(draft, slot, pick(List.of("abc", "1.5", "true", "%5B%5D", "%7B%7D")));
        } else {
            List<JsonNode> wrong =
                    switch (slot.type()) {
                        case "string", "enum" ->
                                List.of(
                                        NODES.numberNode(42),
                                        NODES.numberNode(-1),
                                        NODES.numberNode(1.5),
                                        NODES.booleanNode(true),
                                        NODES.booleanNode(false),
                                        NODES.arrayNode(),
                                        NODES.arrayNode().add("x"),
                                        NODES.objectNode(),
                                        NODES.objectNode().put("x", "y"));
                        case "integer", "number" ->
                                List.of(
                                        NODES.textNode("12"),
                                        NODES.textNode("abc"),
                                        NODES.textNode(""),
                                        NODES.booleanNode(true),
                                        NODES.arrayNode(),
                                        NODES.objectNode(),
                                        NODES.arrayNode().add(1),
                                        NODES.numberNode(1.5));
                        case "boolean" ->
                                List.of(
                                        NODES.textNode("true"),
                                        NODES.numberNode(1),
                                        NODES.arrayNode());
                        default ->
                                List.of(
                                        NODES.textNode("x"),
                                        NODES.numberNode(1),
                                        NODES.booleanNode(true),
                                        slot.type().equals("array")
                                                ? NODES.objectNode()
                                                : NODES.arrayNode());
                    };
            JsonNode value = pick(wrong);
            if (slot.type().equals("number") && value.isDouble()) {
                value = NODES.textNode("1.5");
            }
            set(draft, slot, value);
        }
        draft.expect = Expect.REFUSED;
    }

    private void bounds(ApiOperation operation, Draft draft) {
        List<Slot> slots =
                new ArrayList<>(
                        bodySlots(operation, draft).stream()
                                .filter(
                                        slot ->
                                                Set.of("string", "integer", "number")
                                                        .contains(slot.type()))
                                .toList());
        slots.addAll(parameterSlots(operation, "query"));
        slots.addAll(parameterSlots(operation, "header"));
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = pickPreferringBody(slots);
        switch (slot.in()) {
            case "query" -> setParameter(draft, slot, pick(QUERY_BOUNDS));
            case "header" -> setParameter(draft, slot, pick(IF_MATCH));
            default ->
                    set(
                            draft,
                            slot,
                            slot.type().equals("string")
                                    ? NODES.textNode(pick(STRING_BOUNDS))
                                    : raw(pick(NUMBER_BOUNDS)));
        }
    }

    private void duplicateKey(ApiOperation operation, Draft draft) {
        List<Slot> objects =
                bodySlots(operation, draft).stream()
                        .filter(
                                slot ->
                                        slot.type().equals("object")
                                                && value(draft, slot).size() > 0)
                        .toList();
        if (objects.isEmpty()) {
            draft.json("{\"a\":1,\"a\":2}");
            return;
        }
        Slot slot = pick(objects);
        ObjectNode object = (ObjectNode) value(draft, slot);
        String field = pick(iterate(object.fieldNames()));
        JsonNode other =
                random.nextBoolean()
                        ? object.get(field)
                        : valid(slot.schema().path("properties").path(field), field);
        String pair = write(NODES.textNode(field)) + ":" + write(other);
        String text = write(object);
        String doubled =
                random.nextBoolean()
                        ? "{" + pair + "," + text.substring(1)
                        : text.substring(0, text.length() - 1) + "," + pair + "}";
        set(draft, slot, raw(doubled));
        draft.change = slot.name() + " names " + field + " twice";
        draft.expect = Expect.REFUSED;
    }

    private void oddUnicode(ApiOperation operation, Draft draft) {
        List<Slot> slots =
                new ArrayList<>(
                        bodySlots(operation, draft).stream()
                                .filter(slot -> Set.of("string", "enum").contains(slot.type()))
                                .toList());
        parameterSlots(operation, "query").stream()
                .filter(slot -> slot.type().equals("string"))
                .forEach(slots::add);
        slots.addAll(parameterSlots(operation, "path"));
        String odd = pick(ODD_TEXT);
        if (slots.isEmpty()) {
            draft.query.add(new String[] {"q", percent(odd)});
            draft.change = "q=" + odd;
            return;
        }
        Slot slot = pickPreferringBody(slots);
        if (!slot.in().equals("body")) {
            setParameter(draft, slot, percent(odd.equals(NOT_UTF8) ? "\ud800" : odd));
            return;
        }
        if (odd.equals(NOT_UTF8)) {
            draft.notUtf8 = pick(NOT_UTF8_BYTES);
            set(draft, slot, NODES.textNode(NOT_UTF8));
            draft.change =
                    slot.name()
                            + " holds bytes that are not UTF-8: "
                            + HexFormat.of().formatHex(draft.notUtf8);
            draft.expect = Expect.REFUSED;
            return;
        }
        // A lone surrogate reaches the parser only escaped; the other characters go escaped or as
        // UTF-8.
        boolean lone = odd.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
        set(draft, slot, lone || random.nextBoolean() ? raw(escaped(odd)) : NODES.textNode(odd));
        if (FORBIDDEN.matcher(odd).find()) {
            draft.expect = Expect.REFUSED;
        }
    }

    private void badId(ApiOperation operation, Draft draft) {
        List<Slot> slots = new ArrayList<>(parameterSlots(operation, "path"));
        bodySlots(operation, draft).stream()
                .filter(slot -> slot.isId() && slot.type().equals("string"))
                .forEach(slots::add);
        parameterSlots(operation, "query").stream().filter(Slot::isId).forEach(slots::add);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = pickPreferringBody(slots);
        boolean malformed = random.nextInt(3) > 0;
        String id;
        if (malformed) {
            id = pick(MALFORMED_IDS);
            id =
                    id.equals("UPPER")
                            ? validText(slot.name()).toUpperCase(Locale.ROOT)
                            : id.equals(" padded") ? " " + validText(slot.name()) : id;
        } else {
            id =
                    pick(
                            List.of(
                                    UUID.randomUUID().toString(),
                                    "00000000-0000-0000-0000-000000000000",
                                    "ffffffff-ffff-ffff-ffff-ffffffffffff",
                                    anyId()));
        }
        if (slot.in().equals("body")) {
            set(draft, slot, NODES.textNode(id.replaceFirst("^raw:", "")));
        } else {
            setParameter(draft, slot, id.startsWith("raw:") ? id.substring(4) : percent(id));
        }
        if (malformed && !slot.in().equals("query")) {
            draft.expect = Expect.REFUSED;
        }
    }

    private void oversized(ApiOperation operation, Draft draft) {
        String pad = "x".repeat(OVER_LIMIT);
        List<Slot> strings =
                bodySlots(operation, draft).stream()
                        .filter(slot -> slot.type().equals("string"))
                        .toList();
        if (strings.isEmpty()) {
            draft.json("{\"pad\":\"" + pad + "\"}");
        } else {
            set(draft, pick(strings), NODES.textNode(pad));
        }
        draft.chunked = random.nextBoolean();
        if (!LARGE_BODIES.contains(operation.name())) {
            draft.expect =
                    !draft.chunked
                            ? Expect.TOO_LARGE
                            : operation.jsonBody() != null ? Expect.REFUSED : Expect.ANY;
        }
    }

    private void contentType(ApiOperation operation, Draft draft) {
        String type = pick(CONTENT_TYPES);
        draft.contentType = type;
        if (draft.body == null) {
            draft.raw = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        } else if ("application/x-www-form-urlencoded".equals(type)) {
            StringBuilder form = new StringBuilder();
            draft.body
                    .fields()
                    .forEachRemaining(
                            field ->
                                    form.append(form.isEmpty() ? "" : "&")
                                            .append(field.getKey())
                                            .append('=')
                                            .append(percent(asText(field.getValue()))));
            draft.raw = form.toString().getBytes(StandardCharsets.UTF_8);
        }
        draft.change = "content-type " + type;
        if (!operation.bodies().isEmpty() && !operation.accepts(type)) {
            draft.expect = Expect.REFUSED;
        }
    }

    private void missingBody(ApiOperation operation, Draft draft) {
        draft.body = null;
        draft.contentType = random.nextBoolean() ? "application/json" : null;
        draft.change = "no body";
        if (operation.bodyRequired()) {
            draft.expect = Expect.REFUSED;
        }
    }

    private void unknownField(ApiOperation operation, Draft draft) {
        List<Slot> objects =
                bodySlots(operation, draft).stream()
                        .filter(slot -> slot.type().equals("object"))
                        .toList();
        if (objects.isEmpty()) {
            draft.json("{\"actor\":\"someone-else\"}");
            return;
        }
        Slot slot = pick(objects);
        ObjectNode object = (ObjectNode) value(draft, slot);
        List<String> names = new ArrayList<>(UNKNOWN_NAMES);
        slot.schema()
                .path("properties")
                .fieldNames()
                .forEachRemaining(
                        known -> {
                            names.remove(known);
                            names.add(Character.toUpperCase(known.charAt(0)) + known.substring(1));
                        });
        String name = pick(names);
        object.set(
                name,
                pick(
                        List.of(
                                NODES.textNode("x"),
                                NODES.numberNode(1),
                                NODES.nullNode(),
                                NODES.arrayNode())));
        draft.change = slot.name() + " gains " + shorten(name, 20);
        draft.expect = Expect.REFUSED;
    }

    private void malformed(ApiOperation operation, Draft draft) {
        String valid = draft.body == null ? "{}" : write(draft.body);
        String text =
                pick(
                        List.of(
                                valid + "x",
                                valid + "}",
                                valid + " // c",
                                valid.substring(0, valid.length() - 1),
                                "{",
                                "{\"a\":}",
                                "{'a':1}",
                                "{a:1}",
                                "/*c*/" + valid,
                                "[".repeat(5_000),
                                "{\"a\":" + "1".repeat(2_000) + "}",
                                "{\"amount\":NaN}",
                                "{\"x\":1,}",
                                "{,}",
                                "{\"a\" 1}",
                                "\"unterminated",
                                "{\"a\":\"\\x\"}",
                                "[]",
                                "\"text\"",
                                "42",
                                "true",
                                "null"));
        draft.json(text);
        if (operation.jsonBody() != null) {
            draft.expect = Expect.REFUSED;
        }
    }

    private void oddQuery(ApiOperation operation, Draft draft) {
        List<ApiOperation.Parameter> parameters = operation.in("query");
        List<ApiOperation.Parameter> required =
                parameters.stream().filter(ApiOperation.Parameter::required).toList();
        if (!required.isEmpty() && random.nextBoolean()) {
            String name = pick(required).name();
            draft.query.removeIf(parameter -> parameter[0].equals(name));
            draft.change = "no " + name;
            draft.expect = Expect.REFUSED;
        } else if (!draft.query.isEmpty() && random.nextBoolean()) {
            String[] twice = pick(draft.query);
            String other =
                    percent(
                            asText(
                                    valid(
                                            operation.in("query").stream()
                                                    .filter(p -> p.name().equals(twice[0]))
                                                    .findFirst()
                                                    .orElseThrow()
                                                    .schema(),
                                            twice[0])));
            draft.query.add(
                    new String[] {twice[0], random.nextBoolean() ? other : pick(QUERY_BOUNDS)});
            draft.change = twice[0] + " twice";
        } else {
            String name =
                    parameters.isEmpty() || random.nextBoolean() ? "zz" : pick(parameters).name();
            String value = pick(List.of("%00", "-1", "", "%ED%A0%80", "a%0D%0Ab"));
            draft.query.add(new String[] {name, value});
            draft.change = name + "=" + value;
        }
    }

    /** Every place in the body, the whole body first, with the schema that describes it. */
    private List<Slot> bodySlots(ApiOperation operation, Draft draft) {
        List<Slot> slots = new ArrayList<>();
        if (draft.body != null) {
            slots.add(new Slot("body", "body", operation.jsonBody(), null, null, -1));
            addSlots(draft.body, operation.jsonBody(), "", slots);
        }
        return slots;
    }

    private static void addSlots(JsonNode node, JsonNode schema, String at, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String field : iterate(object.fieldNames())) {
                JsonNode fieldSchema = schema.path("properties").path(field);
                slots.add(new Slot("body", at + field, fieldSchema, object, field, -1));
                addSlots(object.get(field), fieldSchema, at + field + ".", slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String name = at.substring(0, at.length() - 1) + "[" + i + "]";
                slots.add(new Slot("body", name, schema.path("items"), array, null, i));
                addSlots(array.get(i), schema.path("items"), name + ".", slots);
            }
        }
    }

    private static List<Slot> parameterSlots(ApiOperation operation, String in) {
        return operation.in(in).stream()
                .map(
                        parameter ->
                                new Slot(in, parameter.name(), parameter.schema(), null, null, -1))
                .toList();
    }

    private static JsonNode value(Draft draft, Slot slot) {
        return slot.parent() == null
                ? draft.body
                : slot.field() != null
                        ? slot.parent().get(slot.field())
                        : slot.parent().get(slot.index());
    }

    private static void set(Draft draft, Slot slot, JsonNode value) {
        if (slot.parent() == null) {
            draft.body = value;
        } else if (slot.field() != null) {
            ((ObjectNode) slot.parent()).set(slot.field(), value);
        } else {
            ((ArrayNode) slot.parent()).set(slot.index(), value);
        }
        draft.change =
                slot.name()
                        + "="
                        + (value instanceof POJONode raw
                                ? ((RawValue) raw.getPojo()).rawValue()
                                : value);
    }

    private static void setParameter(Draft draft, Slot slot, String encoded) {
        switch (slot.in()) {
            case "path" -> draft.path.put(slot.name(), encoded);
            case "header" -> draft.headers.put(slot.name(), encoded);
            default -> {
                draft.query.removeIf(parameter -> parameter[0].equals(slot.name()));
                draft.query.add(new String[] {slot.name(), encoded});
            }
        }
        draft.change = slot.in() + " " + slot.name() + "=" + encoded;
    }

    /** A value {@code schema} allows, taken from what its name suggests. */
    private JsonNode valid(JsonNode schema, String name) {
        if (schema.has("enum")) {
            return NODES.textNode(pick(iterate(schema.path("enum").elements())).asText());
        }
        switch (schema.path("type").asText("")) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                List<String> required =
                        iterate(schema.path("required").elements()).stream()
                                .map(JsonNode::asText)
                                .toList();
                schema.path("properties")
                        .fields()
                        .forEachRemaining(
                                property -> {
                                    if (required.contains(property.getKey())
                                            || random.nextBoolean()) {
                                        object.set(
                                                property.getKey(),
                                                valid(property.getValue(), property.getKey()));
                                    }
                                });
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(valid(schema.path("items"), name.replaceFirst("s$", "")));
                }
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(
                        switch (name) {
                            case "reviewDays" -> 0L;
                            case "weight", "depth" -> 1L + random.nextInt(3);
                            case "threshold" -> 1L;
                            case "amount" -> 1L + random.nextInt(10_000);
                            case "limit", "pool" -> 1L + random.nextInt(50);
                            default -> (long) random.nextInt(20);
                        });
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return NODES.textNode(validText(name));
            }
        }
    }

    private String validText(String name) {
        serial++;
        return switch (name) {
            case "currency" -> "USD";
            case "poolRate", "retention" -> pick(List.of("1/2", "1/3", "3/4"));
            case "period" -> "2026-H2";
            case "contentDigest", "root" -> Scenario.digest("fuzz " + serial);
            case "contentUri" -> "https://media.example/fuzz-" + serial;
            case "email" -> "fuzz" + serial + "@example.org";
            case "taxCountry" -> "FR";
            case "handle" -> "fz" + serial;
            case "kind" -> pick(KINDS);
            case "id" -> random.nextInt(6) == 0 ? "treasury-USD" : anyId();
            case "direction" -> pick(List.of("ancestors", "descendants"));
            case "from" -> "2026-01-01";
            case "to" -> random.nextBoolean() ? "2027-01-01" : id("record");
            case "type" -> "record.uploaded";
            default -> name.endsWith("Id") ? id(noun(name)) : "fuzz " + serial;
        };
    }

    private String id(String noun) {
        List<String> made = madeIds.get(noun);
        List<String> known = made != null && random.nextBoolean() ? made : ids.get(noun);
        return known == null || known.isEmpty() ? UUID.randomUUID().toString() : pick(known);
    }

    private String anyId() {
        List<String> nouns = new ArrayList<>(ids.keySet());
        nouns.sort(null);
        return nouns.isEmpty() ? UUID.randomUUID().toString() : id(pick(nouns));
    }

    private String idempotencyKey() {
        if (random.nextInt(10) == 0) {
            return pick(List.of("", " ", "x".repeat(129), "\u00fc", "a b"));
        }
        if (!keys.isEmpty() && random.nextBoolean()) {
            return pick(keys);
        }
        String key = "fuzz-key-" + serial++;
        keys.add(key);
        if (keys.size() > 16) {
            keys.remove(0);
        }
        return key;
    }

    private void harvest(JsonNode node, int depth, boolean made) {
        if (depth > 6) {
            return;
        }
        node.fields()
                .forEachRemaining(
                        field -> {
                            String name = field.getKey();
                            if (name.endsWith("Id") && field.getValue().isTextual()) {
                                remember(noun(name), field.getValue().asText(), made);
                            } else if (name.endsWith("Ids")) {
                                field.getValue()
                                        .forEach(id -> remember(noun(name), id.asText(), made));
                            }
                        });
        node.elements().forEachRemaining(child -> harvest(child, depth + 1, made));
    }

    /** Keeps the latest ids of each kind, and apart the last few the suite made. */
    private void remember(String noun, String id, boolean made) {
        if (!Text.isId(id)) {
            return;
        }
        for (Map<String, List<String>> into : made ? List.of(ids, madeIds) : List.of(ids)) {
            List<String> known = into.computeIfAbsent(noun, n -> new ArrayList<>());
            known.remove(id);
            known.add(id);
            if (known.size() > (into == madeIds ? 4 : 64)) {
                known.remove(0);
            }
        }
    }

    /**
     * The kind of thing a parameter, field or collection names: {@code creatorId} and {@code
     * artists} name artists.
     */
    private static String noun(String name) {
        String base = name.replaceFirst("Ids?$", "");
        return NOUNS.getOrDefault(base, base.replaceFirst("s$", ""));
    }

    /**
     * A slot, in the body three times in four when the body has one: it is what the handlers act
     * on.
     */
    private Slot pickPreferringBody(List<Slot> slots) {
        List<Slot> body = slots.stream().filter(slot -> slot.in().equals("body")).toList();
        return pick(body.isEmpty() || random.nextInt(4) == 0 ? slots : body);
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static <T> List<T> iterate(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    private static JsonNode raw(String json) {
        return new POJONode(new RawValue(json));
    }

    private static String asText(JsonNode value) {
        return value.isValueNode() ? value.asText() : write(value);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + node, e);
        }
    }

    /**
     * {@code text} as a JSON string with every character outside printable ASCII escaped,
     * surrogates alone too.
     */
    private static String escaped(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            json.append(
                    c < 0x20 || c > 0x7e || c == '"' || c == '\\'
                            ? String.format("\\u%04x", (int) c)
                            : c);
        }
        return json.append('"').toString();
    }

    /**
     * {@code text} percent-encoded as UTF-8, a lone surrogate as the three bytes it would take (not
     * valid UTF-8).
     */
    private static String percent(String text) {
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            int c = text.codePointAt(i);
            if (Character.isSupplementaryCodePoint(c)) {
                i++;
            }
            byte[] bytes =
                    Character.isSurrogate((char) c) && !Character.isSupplementaryCodePoint(c)
                            ? new byte[] {
                                (byte) (0xe0 | c >> 12),
                                (byte) (0x80 | (c >> 6 & 0x3f)),
                                (byte) (0x80 | (c & 0x3f))
                            }
                            : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                char plain = (char) (b & 0xff);
                encoded.append(
                        Character.isLetterOrDigit(plain) && plain < 0x80
                                        || "-._~".indexOf(plain) >= 0
                                ? String.valueOf(plain)
                                : String.format("%%%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    static String shorten(String text, int max) {
        String visible =
                INVISIBLE
                        .matcher(text)
                        .replaceAll(m -> String.format("\\\\u%04x", (int) m.group().charAt(0)));
        return visible.length() <= max ? visible : visible.substring(0, max) + "...";
    }
}
