package org.collabledger.api.web.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.collabledger.api.web.CommandAnswer;
import org.collabledger.api.web.CommandDispatcher;
import org.collabledger.api.web.Created;
import org.collabledger.api.web.Problems;
import org.collabledger.api.web.ReadYourWrites;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * What every operation of the API document shares, derived from each handler's types: a handler
 * answering a {@link CommandAnswer} is a command (idempotency key, correlation id, position, 201
 * with {@code Location} when it answers {@link Created}); a GET is a read (read-your-writes
 * position); every operation lists the problems it can answer with, each status with its codes.
 */
@Configuration(proxyBeanMethods = false)
public class ApiContract {

    /** The schema every problem answer has. */
    static final String PROBLEM = "Problem";

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BASIC = "basicAuth";
    private static final String BEARER = "bearerAuth";
    private static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    static {
        // An event's payload is any JSON object; as a Java type it would be documented as
        // Jackson's node class.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
    }

    @Bean
    OpenAPI ledgerApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Collaboration ledger")
                                .version("0.1.0")
                                .description(
                                        "An event-sourced ledger of uploads, remixes, releases and"
                                                + " the payments of their contributors. Every"
                                                + " refusal is application/problem+json with a"
                                                + " stable type urn:collabledger:problem:<code>,"
                                                + " its code, and the field at fault. A command's"
                                                + " answer gives the ledger position it reached"
                                                + " (Ledger-Position, and ledgerPosition in the"
                                                + " body); a read given that position as ?atLeast="
                                                + " reflects the command."))
                // Relative: the document is served by the ledger it describes, wherever it runs.
                .servers(List.of(new Server().url("/").description("this ledger")))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        BASIC,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("basic")
                                                .description(
                                                        "The documented development users"
                                                                + " (artist, artist2, curator,"
                                                                + " finance, auditor), when the"
                                                                + " ledger runs with them"))
                                .addSecuritySchemes(
                                        BEARER,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("JWT")
                                                .description(
                                                        "A token of the identity provider the"
                                                                + " ledger trusts (ledger.security.jwt);"
                                                                + " its roles claim names the roles")))
                .security(
                        List.of(
                                new SecurityRequirement().addList(BASIC),
                                new SecurityRequirement().addList(BEARER)));
    }

    @Bean
    static ModelConverter uniqueSchemaNames() {
        return new UniqueSchemaNames();
    }

    /** The problem schema, one response per problem status, and the shared headers. */
    @Bean
    OpenApiCustomizer problemsAndHeaders(ObjectMapper json) {
        return api -> {
            Components components = api.getComponents();
            components.addSchemas(PROBLEM, problemSchema());
            ProblemCatalog.byStatus()
                    .forEach(
                            (status, codes) ->
                                    components.addResponses(
                                            responseName(status),
                                            problemResponse(json, status, codes)));
            components
                    .addHeaders(
                            ReadYourWrites.HEADER,
                            header(
                                    "The ledger position this answer reflects: for a command, the"
                                            + " position of its last event, to pass to a read as"
                                            + " ?atLeast=",
                                    new IntegerSchema()
                                            .format("int64")
                                            .minimum(java.math.BigDecimal.ZERO)))
                    .addHeaders(
                            HttpHeaders.LOCATION,
                            header("Where the new thing is read", new StringSchema()))
                    .addHeaders(
                            IDEMPOTENT_REPLAYED,
                            header(
                                    "true when this is the stored answer of an earlier request"
                                            + " with the same Idempotency-Key",
                                    new StringSchema()._enum(List.of("true"))))
                    .addHeaders(
                            HttpHeaders.RETRY_AFTER,
                            header("Seconds to wait before asking again", new IntegerSchema()))
                    .addHeaders(
                            HttpHeaders.WWW_AUTHENTICATE,
                            header(
                                    "The sign-in schemes the ledger accepts: Basic, and Bearer"
                                            + " when it trusts an identity provider",
                                    new StringSchema()));
            components
                    .addParameters(
                            "IdempotencyKey",
                            new Parameter()
                                    .in("header")
                                    .name("Idempotency-Key")
                                    .description(
                                            "A key of the client's choosing: a retry with the same"
                                                    + " key and request is answered with the first"
                                                    + " outcome and stores nothing new")
                                    .schema(
                                            new StringSchema()
                                                    .minLength(1)
                                                    .maxLength(128)
                                                    .pattern("^[\\x21-\\x7e]{1,128}$")))
                    .addParameters(
                            "CorrelationId",
                            new Parameter()
                                    .in("header")
                                    .name(CommandDispatcher.CORRELATION_HEADER)
                                    .description(
                                            "An id of the client's choosing, stored with the"
                                                    + " command's events")
                                    .schema(new StringSchema().pattern("^[A-Za-z0-9._-]{1,64}$")))
                    .addParameters(
                            "AtLeast",
                            new Parameter()
                                    .in("query")
                                    .name(ReadYourWrites.PARAMETER)
                                    .description(
                                            "Answer only once the read models reflect this ledger"
                                                    + " position (a command's ledgerPosition);"
                                                    + " waits up to 5 s, then answers 503")
                                    .schema(positionSchema()))
                    .addParameters(
                            "LedgerPosition",
                            new Parameter()
                                    .in("header")
                                    .name(ReadYourWrites.HEADER)
                                    .description("The same as ?atLeast=, as a header")
                                    .schema(positionSchema()))
                    .addParameters(
                            "AsOfTime",
                            new Parameter()
                                    .in("query")
                                    .name("asOfTime")
                                    .description(
                                            "Answer as of the last event stored at or before this"
                                                    + " instant; instead of asOf")
                                    .schema(new StringSchema().format("date-time")));
        };
    }

    /** Adds to each operation what its handler's kind implies. */
    @Bean
    OperationCustomizer operationContract() {
        return (operation, handler) -> {
            boolean read = methods(handler).contains(RequestMethod.GET);
            Class<?> answer = answerType(handler);
            boolean command = answer != null && CommandAnswer.class.isAssignableFrom(answer);
            ApiResponses responses = operation.getResponses();
            ApiResponse success = responses.get("200");
            if (command) {
                parameter(operation, "IdempotencyKey");
                parameter(operation, "CorrelationId");
                if (Created.class.equals(answer)) {
                    responses.remove("200");
                    responses.addApiResponse("201", success);
                    success.description("Created")
                            .addHeaderObject(HttpHeaders.LOCATION, ref(HttpHeaders.LOCATION));
                }
                success.addHeaderObject(ReadYourWrites.HEADER, ref(ReadYourWrites.HEADER))
                        .addHeaderObject(IDEMPOTENT_REPLAYED, ref(IDEMPOTENT_REPLAYED));
            }
            if (read) {
                parameter(operation, "AtLeast");
                parameter(operation, "LedgerPosition");
                if (has(operation, "query", "asOf")) {
                    parameter(operation, "AsOfTime");
                }
                success.addHeaderObject(ReadYourWrites.HEADER, ref(ReadYourWrites.HEADER));
            }
            describe(operation, "asOf", "Answer as of this global ledger position");
            describe(
                    operation,
                    HttpHeaders.IF_MATCH,
                    "The ETag of the resource as read: refused with 412 if it changed since");
            problems(operation, read || command);
            return operation;
        };
    }

    /** The problem statuses an operation can answer with, by what it takes and does. */
    private static void problems(Operation operation, boolean waits) {
        ApiResponses responses = operation.getResponses();
        problem(responses, HttpStatus.BAD_REQUEST);
        problem(responses, HttpStatus.UNAUTHORIZED);
        problem(responses, HttpStatus.FORBIDDEN);
        if (has(operation, "path", null)) {
            problem(responses, HttpStatus.NOT_FOUND);
        }
        if (operation.getRequestBody() != null) {
            problem(responses, HttpStatus.PAYLOAD_TOO_LARGE);
            problem(responses, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        if (operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(
                                p ->
                                        "#/components/parameters/IdempotencyKey"
                                                .equals(p.get$ref()))) {
            problem(responses, HttpStatus.CONFLICT);
        }
        if (has(operation, "header", HttpHeaders.IF_MATCH)) {
            problem(responses, HttpStatus.PRECONDITION_FAILED);
        }
        problem(responses, HttpStatus.UNPROCESSABLE_ENTITY);
        problem(responses, HttpStatus.INTERNAL_SERVER_ERROR);
        if (waits) {
            problem(responses, HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    private static void problem(ApiResponses responses, HttpStatus status) {
        responses.addApiResponse(
                Integer.toString(status.value()),
                new ApiResponse().$ref("#/components/responses/" + responseName(status)));
    }

    private static String responseName(HttpStatus status) {
        return java.util.Arrays.stream(status.name().split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining());
    }

    private static ApiResponse problemResponse(
            ObjectMapper json, HttpStatus status, List<String> codes) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (String code : codes) {
            examples.put(
                    code,
                    new Example()
                            .summary(Problems.TYPE_PREFIX + code)
                            .value(
                                    json.convertValue(
                                            Problems.of(status, code, null, "why, in words"),
                                            Map.class)));
        }
        ApiResponse response =
                new ApiResponse()
                        .description(
                                status.getReasonPhrase()
                                        + "; the problem's type is one of: "
                                        + codes.stream()
                                                .map(c -> "`" + Problems.TYPE_PREFIX + c + "`")
                                                .collect(Collectors.joining(", ")))
                        .content(
                                new Content()
                                        .addMediaType(
                                                PROBLEM_JSON,
                                                new MediaType()
                                                        .schema(
                                                                new Schema<>()
                                                                        .$ref(
                                                                                "#/components/schemas/"
                                                                                        + PROBLEM))
                                                        .examples(examples)));
        if (status == HttpStatus.UNAUTHORIZED) {
            response.addHeaderObject(
                    HttpHeaders.WWW_AUTHENTICATE, ref(HttpHeaders.WWW_AUTHENTICATE));
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, ref(HttpHeaders.RETRY_AFTER));
        }
        return response;
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details, as every refusal is answered")
                .addRequiredItem("type")
                .addRequiredItem("title")
                .addRequiredItem("status")
                .addRequiredItem("code")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description(
                                        "urn:collabledger:problem:<code>; stable, so a client"
                                                + " may branch on it")
                                .example(Problems.TYPE_PREFIX + "handle-taken"))
                .addProperty("title", new StringSchema().description("The code in words"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty(
                        "detail", new StringSchema().description("What is wrong, for a person"))
                .addProperty(
                        "instance",
                        new StringSchema().format("uri-reference").description("The path asked"))
                .addProperty(
                        "code",
                        new StringSchema()
                                .description(
                                        "The last part of type; each response lists the codes"
                                                + " it can carry")
                                .example("handle-taken"))
                .addProperty(
                        "field",
                        new StringSchema()
                                .description(
                                        "The field, parameter or header at fault, when one is"));
    }

    private static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }

    private static Header ref(String header) {
        return new Header().$ref("#/components/headers/" + header);
    }

    private static Schema<?> positionSchema() {
        return new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO);
    }

    private static void parameter(Operation operation, String name) {
        operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + name));
    }

    private static boolean has(Operation operation, String in, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(
                                p ->
                                        in.equals(p.getIn())
                                                && (name == null || name.equals(p.getName())));
    }

    private static void describe(Operation operation, String name, String description) {
        if (operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(p -> name.equals(p.getName()) && p.getDescription() == null)
                    .forEach(p -> p.setDescription(description));
        }
    }

    private static List<RequestMethod> methods(HandlerMethod handler) {
        RequestMapping mapping =
                AnnotatedElementUtils.findMergedAnnotation(
                        handler.getMethod(), RequestMapping.class);
        return mapping == null ? List.of() : List.of(mapping.method());
    }

    /** The body type a handler answers with, inside its ResponseEntity if it has one. */
    private static Class<?> answerType(HandlerMethod handler) {
        ResolvableType type = ResolvableType.forMethodReturnType(handler.getMethod());
        if (org.springframework.http.HttpEntity.class.isAssignableFrom(type.toClass())) {
            type = type.getGeneric(0);
        }
        return type.resolve();
    }
}
