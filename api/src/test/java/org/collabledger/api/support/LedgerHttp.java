package org.collabledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real HTTP client for the running ledger, signing in as one of the documented dev users. */
public final class LedgerHttp {

    public static final String PASSWORD = "ledger-dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String base;
    private final String user;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private LedgerHttp(String base, String user) {
        this.base = base;
        this.user = user;
    }

    /**
     * A client for the ledger on {@code port}, signed in as {@code user} ({@code null} for nobody).
     */
    public static LedgerHttp on(int port, String user) {
        return new LedgerHttp("http://localhost:" + port, user);
    }

    /** The same client signed in as another user. */
    public LedgerHttp as(String otherUser) {
        return new LedgerHttp(base, otherUser);
    }

    /** The same client sending one more header on every request. */
    public LedgerHttp withHeader(String name, String value) {
        LedgerHttp copy = new LedgerHttp(base, user);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    /** An answer: status, headers and the body, parsed as JSON when it is JSON. */
    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        public String contentType() {
            return raw.headers().firstValue("content-type").orElse("");
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String id() {
            return json.path("id").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(
                request(path)
                        .header("content-type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        text(body), StandardCharsets.UTF_8)));
    }

    public Response put(String path, Object body) {
        return send(
                request(path)
                        .header("content-type", "application/json")
                        .PUT(
                                HttpRequest.BodyPublishers.ofString(
                                        text(body), StandardCharsets.UTF_8)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method; {@code body} is sent as JSON, or nothing when it is null. */
    public Response send(String method, String path, Object body) {
        return send(
                body == null
                        ? request(path).method(method, HttpRequest.BodyPublishers.noBody())
                        : request(path)
                                .header("content-type", "application/json")
                                .method(
                                        method,
                                        HttpRequest.BodyPublishers.ofString(
                                                text(body), StandardCharsets.UTF_8)));
    }

    /** Sends a raw body exactly as given, for malformed-input tests. */
    public Response postRaw(String path, String rawBody, String contentType) {
        return sendRaw("POST", path, rawBody, contentType);
    }

    /** Sends a raw body exactly as given with any method, for malformed-input tests. */
    public Response sendRaw(String method, String path, String rawBody, String contentType) {
        return send(
                request(path)
                        .header("content-type", contentType)
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofString(
                                        rawBody, StandardCharsets.UTF_8)));
    }

    /**
     * Sends {@code method} to {@code path} (query included, sent as given) with {@code body} and
     * {@code headers} exactly as given, for hostile-input tests; no content type unless a header
     * names one.
     */
    public Response exchange(
            String method,
            String path,
            HttpRequest.BodyPublisher body,
            Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).method(method, body);
        headers.forEach(builder::header);
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            builder.header(
                    "authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (user + ":" + PASSWORD)
                                                    .getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static String text(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body", e);
        }
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = response.headers().firstValue("content-type").orElse("");
            if (type.contains("json") && !response.body().isEmpty()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                    // Left null: a test that needs the JSON fails on it, with the raw body in its
                    // message.
                }
            }
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
