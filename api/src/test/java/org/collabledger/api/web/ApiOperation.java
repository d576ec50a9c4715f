package org.collabledger.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One operation of the served OpenAPI document: its method and path, its parameters and the schema
 * of each body it takes, with every {@code $ref} replaced by the schema it names.
 */
record ApiOperation(
        String method,
        String path,
        List<Parameter> parameters,
        Map<String, JsonNode> bodies,
        boolean bodyRequired) {

    /** A path, query or header parameter. */
    record Parameter(String name, String in, JsonNode schema, boolean required) {}

    /** Every operation of {@code document}, in the document's order. */
    static List<ApiOperation> all(JsonNode document) {
        JsonNode components = document.path("components").path("schemas");
        List<ApiOperation> operations = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                op -> {
                                                    List<Parameter> parameters = new ArrayList<>();
                                                    op.getValue()
                                                            .path("parameters")
                                                            .forEach(
                                                                    p ->
                                                                            parameters.add(
                                                                                    new Parameter(
                                                                                            p.path(
                                                                                                            "name")
                                                                                                    .asText(),
                                                                                            p.path(
                                                                                                            "in")
                                                                                                    .asText(),
                                                                                            inline(
                                                                                                    p
                                                                                                            .path(
                                                                                                                    "schema"),
                                                                                                    components,
                                                                                                    0),
                                                                                            p.path(
                                                                                                            "required")
                                                                                                    .asBoolean())));
                                                    Map<String, JsonNode> bodies =
                                                            new LinkedHashMap<>();
                                                    JsonNode body =
                                                            op.getValue().path("requestBody");
                                                    body.path("content")
                                                            .fields()
                                                            .forEachRemaining(
                                                                    content ->
                                                                            bodies.put(
                                                                                    content
                                                                                            .getKey(),
                                                                                    inline(
                                                                                            content.getValue()
                                                                                                    .path(
                                                                                                            "schema"),
                                                                                            components,
                                                                                            0)));
                                                    operations.add(
                                                            new ApiOperation(
                                                                    op.getKey()
                                                                            .toUpperCase(
                                                                                    Locale.ROOT),
                                                                    path.getKey(),
                                                                    parameters,
                                                                    bodies,
                                                                    body.path("required")
                                                                            .asBoolean()));
                                                }));
        return operations;
    }

    String name() {
        return method + " " + path;
    }

    /** The schema of the JSON body, or null when the operation takes none. */
    JsonNode jsonBody() {
        return bodies.get("application/json");
    }

    List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** True when the document lists {@code contentType} (without its parameters) for the body. */
    boolean accepts(String contentType) {
        return contentType != null
                && bodies.containsKey(contentType.split(";")[0].strip().toLowerCase(Locale.ROOT));
    }

    /**
     * A copy of {@code schema} with references resolved; the depth bound stops a schema that names
     * itself.
     */
    private static JsonNode inline(JsonNode schema, JsonNode components, int depth) {
        if (schema.has("$ref") && depth < 8) {
            String name = schema.path("$ref").asText().substring("#/components/schemas/".length());
            return inline(components.path(name), components, depth + 1);
        }
        JsonNode copy = schema.deepCopy();
        if (copy.path("properties") instanceof ObjectNode properties) {
            properties
                    .fields()
                    .forEachRemaining(p -> p.setValue(inline(p.getValue(), components, depth + 1)));
        }
        if (copy.has("items")) {
            ((ObjectNode) copy).set("items", inline(copy.get("items"), components, depth + 1));
        }
        return copy;
    }
}
