package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.Test;

/**
 * The servlet error path renders failures that never reached a controller; asked for directly it is
 * no resource at all, for anyone and any method, and the API document does not list it.
 */
class ErrorPathTest extends H2Ledger {

    @Test
    void theErrorPathAskedForDirectlyIsNotFound() {
        for (LedgerHttp client : List.of(LedgerHttp.on(port, null), auditor, curator)) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                LedgerHttp.Response response =
                        client.sendRaw(method, "/error", "{}", "application/json");
                String attempt = method + " /error -> " + response;
                assertThat(response.status()).as(attempt).isEqualTo(404);
                assertThat(response.contentType())
                        .as(attempt)
                        .startsWith("application/problem+json");
                assertThat(response.json().path("code").asText())
                        .as(attempt)
                        .isEqualTo("not-found");
            }
        }
    }

    @Test
    void theErrorPathIsNotInTheApiDocument() {
        assertThat(LedgerHttp.on(port, null).get("/v3/api-docs").json().path("paths").has("/error"))
                .isFalse();
    }

    @Test
    void aRequestTheFirewallRejectsIsStillRenderedAsAProblem() {
        // The security firewall refuses a path parameter before any controller: the container's
        // error path answers.
        LedgerHttp.Response response = auditor.get("/api/records;evil=1");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo("bad-request");
    }
}
