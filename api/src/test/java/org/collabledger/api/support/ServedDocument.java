package org.collabledger.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.collabledger.api.LedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes the API document a running ledger serves to the file named by the first argument: the
 * client-tests module generates its client from it at build time, so the client is the one the
 * served contract gives, not one from a copy that could drift.
 */
public final class ServedDocument {

    private ServedDocument() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .properties(
                                "server.port=0",
                                "ledger.demo.enabled=false",
                                "spring.datasource.url=jdbc:h2:mem:"
                                        + UUID.randomUUID()
                                        + ";DB_CLOSE_DELAY=-1")
                        .run()) {
            int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
            HttpResponse<String> document =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://localhost:"
                                                                    + port
                                                                    + "/v3/api-docs"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() != 200) {
                throw new IllegalStateException(
                        "the ledger served no API document: " + document.statusCode());
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, document.body());
        }
    }
}
