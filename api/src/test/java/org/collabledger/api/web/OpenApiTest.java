package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

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
}
