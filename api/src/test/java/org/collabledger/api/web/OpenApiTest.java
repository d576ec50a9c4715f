package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The app serves its OpenAPI document and Swagger UI without sign-in, and the document describes
 * each body.
 */
class OpenApiTest extends H2Ledger {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void servesTheOpenApiDocumentAndSwaggerUi() {
        var nobody = LedgerHttp.on(port, null);
        var document = nobody.get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("paths").has("/api/records")).isTrue();
        assertThat(document.json().path("paths").has("/api/releases/{releaseId}/selections"))
                .isTrue();
        assertThat(nobody.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void everyDocumentedRequestBodyHasTheFieldsItsHandlerReads() {
        JsonNode document = LedgerHttp.on(port, null).get("/v3/api-docs").json();
        AtomicInteger checked = new AtomicInteger();
        handlers.getHandlerMethods()
                .forEach(
                        (mapping, handler) -> {
                            for (MethodParameter parameter : handler.getMethodParameters()) {
                                Class<?> body = parameter.getParameterType();
                                if (!parameter.hasParameterAnnotation(RequestBody.class)
                                        || !body.isRecord()) {
                                    continue;
                                }
                                Set<String> fields =
                                        Arrays.stream(body.getRecordComponents())
                                                .map(RecordComponent::getName)
                                                .collect(Collectors.toCollection(TreeSet::new));
                                mapping.getPatternValues()
                                        .forEach(
                                                path ->
                                                        mapping.getMethodsCondition()
                                                                .getMethods()
                                                                .forEach(
                                                                        method -> {
                                                                            JsonNode schema =
                                                                                    document.path(
                                                                                                    "paths")
                                                                                            .path(
                                                                                                    path)
                                                                                            .path(
                                                                                                    method.name()
                                                                                                            .toLowerCase(
                                                                                                                    Locale
                                                                                                                            .ROOT))
                                                                                            .path(
                                                                                                    "requestBody")
                                                                                            .path(
                                                                                                    "content")
                                                                                            .path(
                                                                                                    "application/json")
                                                                                            .path(
                                                                                                    "schema");
                                                                            String name =
                                                                                    schema.path(
                                                                                                    "$ref")
                                                                                            .asText()
                                                                                            .replace(
                                                                                                    "#/components/schemas/",
                                                                                                    "");
                                                                            Set<String> documented =
                                                                                    new TreeSet<>();
                                                                            document.path(
                                                                                            "components")
                                                                                    .path("schemas")
                                                                                    .path(name)
                                                                                    .path(
                                                                                            "properties")
                                                                                    .fieldNames()
                                                                                    .forEachRemaining(
                                                                                            documented
                                                                                                    ::add);
                                                                            assertThat(documented)
                                                                                    .as(
                                                                                            method
                                                                                                    + " "
                                                                                                    + path
                                                                                                    + " documents "
                                                                                                    + name
                                                                                                    + " for "
                                                                                                    + body
                                                                                                            .getName())
                                                                                    .isEqualTo(
                                                                                            fields);
                                                                            checked
                                                                                    .incrementAndGet();
                                                                        }));
                            }
                        });
        assertThat(checked).hasValueGreaterThan(20);
    }
}
