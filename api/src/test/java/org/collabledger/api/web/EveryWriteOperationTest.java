package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies sent to every write operation the API document lists, so an operation added later
 * is covered without editing this test: each is refused as problem+json naming the field, and
 * stores nothing.
 */
class EveryWriteOperationTest extends H2Ledger {

    private static final List<String> ROLES = List.of("artist", "curator", "finance", "auditor");

    /** A write operation taking a JSON body, with the schemas of that body's properties. */
    record Operation(String method, String path, Map<String, JsonNode> properties) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void aBodyNamingAFieldTwiceIsRefusedByEveryWriteOperation() {
        SoftAssertions softly = new SoftAssertions();
        for (Operation operation : writeOperations()) {
            // Whole bodies whose first field comes again, at once or last, so nothing else is wrong
            // with them.
            String twice = operation.properties().keySet().iterator().next();
            StringJoiner fields = new StringJoiner(",");
            operation.properties().forEach((name, schema) -> fields.add(member(name, schema)));
            String again = member(twice, operation.properties().get(twice));
            refused(softly, operation, "{" + again + "," + fields + "}", "malformed-json", twice);
            refused(softly, operation, "{" + fields + "," + again + "}", "malformed-json", twice);
        }
        softly.assertAll();
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedByEveryWriteOperation() {
        SoftAssertions softly = new SoftAssertions();
        for (Operation operation : writeOperations()) {
            operation
                    .properties()
                    .forEach(
                            (field, schema) -> {
                                for (String wrong : wrongTypes(schema)) {
                                    StringJoiner body = new StringJoiner(",", "{", "}");
                                    operation
                                            .properties()
                                            .forEach(
                                                    (name, other) ->
                                                            body.add(
                                                                    name.equals(field)
                                                                            ? "\"" + name + "\":"
                                                                                    + wrong
                                                                            : member(name, other)));
                                    refused(
                                            softly,
                                            operation,
                                            body.toString(),
                                            "wrong-type",
                                            field);
                                }
                            });
        }
        softly.assertAll();
    }

    /**
     * Sends {@code body} as the first role the operation lets in, and checks the refusal and the
     * event count.
     */
    private void refused(
            SoftAssertions softly, Operation operation, String body, String code, String field) {
        long before = feed.count();
        LedgerHttp.Response response = asPermittedRole(operation, body);
        String attempt = operation + " " + body + " -> " + response;
        softly.assertThat(response.status()).as(attempt).isEqualTo(400);
        softly.assertThat(response.contentType())
                .as(attempt)
                .startsWith("application/problem+json");
        if (response.json() != null) {
            softly.assertThat(response.json().path("code").asText()).as(attempt).isEqualTo(code);
            softly.assertThat(response.json().path("field").asText()).as(attempt).isEqualTo(field);
        }
        softly.assertThat(feed.count()).as("events stored by " + attempt).isEqualTo(before);
    }

    private LedgerHttp.Response asPermittedRole(Operation operation, String body) {
        String path = operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        LedgerHttp.Response response = null;
        for (String role : ROLES) {
            response = artist.as(role).sendRaw(operation.method(), path, body, "application/json");
            if (response.status() != 403) {
                return response;
            }
        }
        return response;
    }

    /** The operations of {@code /v3/api-docs} that change something and read a JSON object. */
    private List<Operation> writeOperations() {
        JsonNode document = LedgerHttp.on(port, null).get("/v3/api-docs").json();
        List<Operation> operations = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                op -> {
                                                    JsonNode schema =
                                                            resolve(
                                                                    document,
                                                                    op.getValue()
                                                                            .path("requestBody")
                                                                            .path("content")
                                                                            .path(
                                                                                    "application/json")
                                                                            .path("schema"));
                                                    if (!"get".equals(op.getKey())
                                                            && schema.path("properties").size()
                                                                    > 0) {
                                                        Map<String, JsonNode> properties =
                                                                new LinkedHashMap<>();
                                                        schema.path("properties")
                                                                .fields()
                                                                .forEachRemaining(
                                                                        p ->
                                                                                properties.put(
                                                                                        p.getKey(),
                                                                                        resolve(
                                                                                                document,
                                                                                                p
                                                                                                        .getValue())));
                                                        operations.add(
                                                                new Operation(
                                                                        op.getKey()
                                                                                .toUpperCase(
                                                                                        Locale
                                                                                                .ROOT),
                                                                        path.getKey(),
                                                                        properties));
                                                    }
                                                }));
        // A document that lost its operations would let every check pass by checking nothing.
        assertThat(operations)
                .as("write operations with a JSON body")
                .hasSizeGreaterThanOrEqualTo(22);
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : document.at(ref.substring(1));
    }

    private static String member(String name, JsonNode schema) {
        return "\"" + name + "\":" + sample(schema);
    }

    /** Values of other JSON types that a lenient mapper would turn into the schema's type. */
    private static List<String> wrongTypes(JsonNode schema) {
        return switch (schema.path("type").asText("object")) {
            case "string" -> List.of("true", "1", "1.5");
            case "integer" -> List.of("1.5", "\"1\"", "true");
            case "number" -> List.of("\"1\"", "true");
            case "boolean" -> List.of("1", "\"true\"");
            case "array" -> List.of("\"x\"", "1");
            default -> List.of("\"x\"", "1", "true");
        };
    }

    /** A value of the schema's type, so the field itself is well-formed. */
    private static String sample(JsonNode schema) {
        if (schema.has("enum")) {
            return "\"" + schema.path("enum").get(0).asText() + "\"";
        }
        return switch (schema.path("type").asText("object")) {
            case "string" ->
                    "date-time".equals(schema.path("format").asText())
                            ? "\"2026-01-01T00:00:00Z\""
                            : "\"x\"";
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            case "array" -> "[]";
            default -> "{}";
        };
    }
}
