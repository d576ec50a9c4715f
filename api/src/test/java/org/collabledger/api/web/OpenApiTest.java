package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The app serves its OpenAPI document and Swagger UI without sign-in, and the document describes
 * each body.
 */
class OpenApiTest extends H2Ledger {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * The served document passes Redocly's linter, as {@code .ci/run} installs it, with no error
     * and no warning; a missing linter fails here rather than skipping the check.
     */
    @Test
    void theServedDocumentPassesTheLinterWithNoErrorsAndNoWarnings() throws Exception {
        Path tools = Path.of("..", ".ci", "openapi").toAbsolutePath().normalize();
        Path redocly = tools.resolve("node_modules/.bin/redocly");
        assertThat(redocly)
                .as("the linter; install it with: npm ci --prefix " + tools)
                .isExecutable();
        Path document = Path.of("target", "openapi", "ledger.json").toAbsolutePath();
        Files.createDirectories(document.getParent());
        Files.writeString(document, LedgerHttp.on(port, null).get("/v3/api-docs").raw().body());
        Path report = document.resolveSibling("lint.json");
        ProcessBuilder linter =
                new ProcessBuilder(
                                redocly.toString(),
                                "lint",
                                document.toString(),
                                "--config",
                                tools.resolve("redocly.yaml").toString(),
                                "--format",
                                "json",
                                "--max-problems",
                                "1000")
                        .redirectOutput(report.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
        // The check runs offline: no usage report and no look for a newer version.
        linter.environment().put("REDOCLY_TELEMETRY", "off");
        linter.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process lint = linter.start();
        lint.getOutputStream().close();
        assertThat(lint.waitFor(2, TimeUnit.MINUTES)).as("the linter finished").isTrue();
        JsonNode findings = JSON.readTree(report.toFile());
        String problems =
                StreamSupport.stream(findings.path("problems").spliterator(), false)
                        .map(
                                p ->
                                        p.path("severity").asText()
                                                + " "
                                                + p.path("ruleId").asText()
                                                + " at "
                                                + p.path("location")
                                                        .path(0)
                                                        .path("pointer")
                                                        .asText()
                                                + ": "
                                                + p.path("message").asText())
                        .collect(Collectors.joining("\n"));
        assertThat(findings.path("totals").path("errors").asInt())
                .as("lint errors in %s:%n%s", document, problems)
                .isZero();
        assertThat(findings.path("totals").path("warnings").asInt())
                .as("lint warnings in %s:%n%s", document, problems)
                .isZero();
        assertThat(lint.exitValue()).isZero();
    }

    /**
     * Every problem code the sources answer with is listed under its status in the document: the
     * refusals of every error code, and the codes the HTTP edge writes as literals.
     */
    @Test
    void everyProblemCodeTheLedgerSendsIsDocumentedUnderItsStatus() throws Exception {
        JsonNode responses =
                LedgerHttp.on(port, null)
                        .get("/v3/api-docs")
                        .json()
                        .path("components")
                        .path("responses");
        Map<Integer, Set<String>> documented = new TreeMap<>();
        responses.forEach(
                response ->
                        response.path("content")
                                .path("application/problem+json")
                                .path("examples")
                                .forEach(
                                        example ->
                                                documented
                                                        .computeIfAbsent(
                                                                example.path("value")
                                                                        .path("status")
                                                                        .asInt(),
                                                                s -> new TreeSet<>())
                                                        .add(
                                                                example.path("value")
                                                                        .path("code")
                                                                        .asText())));
        Map<Integer, Set<String>> sent = new TreeMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            sent.computeIfAbsent(ProblemHandler.status(code).value(), s -> new TreeSet<>())
                    .add(code.slug());
        }
        Pattern literal =
                Pattern.compile(
                        "(?:Problems\\.of|write)\\(\\s*(?:response,\\s*json,\\s*)?HttpStatus\\.([A-Z_]+),\\s*\"([a-z-]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher found = literal.matcher(Files.readString(source));
                while (found.find()) {
                    sent.computeIfAbsent(
                                    HttpStatus.valueOf(found.group(1)).value(),
                                    s -> new TreeSet<>())
                            .add(found.group(2));
                }
            }
        }
        // 405 answers a method no operation has: there is no operation to document it under.
        assertThat(sent.remove(405)).containsExactly("method-not-allowed");
        assertThat(sent.get(409)).contains("concurrent-modification");
        assertThat(sent.get(401)).contains("unauthenticated");
        sent.forEach(
                (status, codes) ->
                        assertThat(documented.getOrDefault(status, Set.of()))
                                .as("problem codes documented for %d", status)
                                .containsAll(codes));
    }

    /**
     * A request without sign-in is challenged, as the document's 401 says, so a browser or Swagger
     * UI asks for one; a page that signs in itself asks for no challenge.
     */
    @Test
    void aRequestWithoutSignInIsChallengedUnlessItHandlesSignInItself() {
        var nobody = LedgerHttp.on(port, null);
        var challenged = nobody.get("/api/me");
        assertThat(challenged.status()).isEqualTo(401);
        assertThat(challenged.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(
                        nobody.get("/v3/api-docs")
                                .json()
                                .path("components")
                                .path("responses")
                                .path("Unauthorized")
                                .path("headers")
                                .has("WWW-Authenticate"))
                .isTrue();
        var script = nobody.withHeader("X-Requested-With", "XMLHttpRequest").get("/api/me");
        assertThat(script.status()).isEqualTo(401);
        assertThat(script.header("WWW-Authenticate")).isNull();
        assertThat(script.json().path("code").asText()).isEqualTo("unauthenticated");
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
