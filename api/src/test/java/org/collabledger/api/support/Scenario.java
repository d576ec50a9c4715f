package org.collabledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds ledger data through the HTTP API as a curator and an artist would, failing on any refusal.
 */
public final class Scenario {

    private final LedgerHttp curator;
    private final LedgerHttp artist;

    public Scenario(int port) {
        this.curator = LedgerHttp.on(port, "curator");
        this.artist = LedgerHttp.on(port, "artist");
    }

    public String artist(String handle) {
        return created(
                artist.post(
                        "/api/artists",
                        Map.of("handle", handle, "displayName", handle.toUpperCase())));
    }

    public String upload(String creatorId, String title) {
        return created(artist.post("/api/records", uploadBody(creatorId, title, List.of())));
    }

    /** A remix; {@code resources} alternates record ids and weights. */
    public String remix(String creatorId, String title, Object... resources) {
        List<Map<String, Object>> refs = new ArrayList<>();
        for (int i = 0; i < resources.length; i += 2) {
            refs.add(Map.of("recordId", resources[i], "weight", resources[i + 1]));
        }
        return created(artist.post("/api/records", uploadBody(creatorId, title, refs)));
    }

    /** The body of an upload, for tests that want to send a variant of it. */
    public static Map<String, Object> uploadBody(
            String creatorId, String title, List<Map<String, Object>> resources) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creatorId", creatorId);
        body.put("title", title);
        body.put("mediaType", "audio");
        body.put("contentDigest", digest(title));
        body.put("contentUri", "https://media.example/" + title.replace(' ', '-'));
        if (!resources.isEmpty()) {
            body.put("resources", resources);
        }
        return body;
    }

    public void takeDown(String recordId) {
        var response =
                curator.post(
                        "/api/records/" + recordId + "/takedown",
                        Map.of("reason", "copyright claim"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    public String release(Map<String, Object> body) {
        return created(curator.post("/api/releases", body));
    }

    public void select(String releaseId, String recordId, int weight, String role) {
        created(
                curator.post(
                        "/api/releases/" + releaseId + "/selections",
                        Map.of("recordId", recordId, "weight", weight, "role", role)));
    }

    public void publish(String releaseId) {
        var response = curator.post("/api/releases/" + releaseId + "/publish", Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    public static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String created(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
