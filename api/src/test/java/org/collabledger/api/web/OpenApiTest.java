package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app serves its OpenAPI document and Swagger UI without sign-in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.demo.enabled=false")
class OpenApiTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

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
