package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.Test;

/** The app serves its OpenAPI document and Swagger UI without sign-in. */
class OpenApiTest extends H2Ledger {

    @Test
    void servesTheOpenApiDocumentAndSwaggerUi() {
        var nobody = LedgerHttp.on(port, null);
        var document = nobody.get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("paths").has("/api/records")).isTrue();
        assertThat(document.json().path("paths").has("/api/releases/{releaseId}/selections")).isTrue();
        assertThat(nobody.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void bodiesOfTheSameSimpleNameAreDocumentedApart() {
        var document = LedgerHttp.on(port, null).get("/v3/api-docs").json();
        assertThat(bodyProperties(document, "/api/collaborations")).containsExactly("title", "theme", "prompt");
        assertThat(bodyProperties(document, "/api/releases")).contains("fundingModel").doesNotContain("prompt");
    }

    private static List<String> bodyProperties(JsonNode document, String path) {
        String ref = document.path("paths").path(path).path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("$ref").asText();
        List<String> names = new ArrayList<>();
        document.at(ref.substring(1)).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
