package org.collabledger.api.web;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.projections.lineage.LineageTooLarge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into {@code application/problem+json}: a stable {@code type}, the field at
 * fault, a human message, and never a stack trace or a class name.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Refusal.class)
    ProblemDetail refused(Refusal refusal) {
        return Problems.of(
                status(refusal.code()),
                refusal.code().slug(),
                refusal.field(),
                refusal.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException failure, HttpServletRequest request) {
        if (failure.getCause() instanceof Refusal refusal) {
            return refused(refusal);
        }
        if (failure.getCause() instanceof ConflictingAggregateVersionException stale) {
            return staleVersion(stale);
        }
        return unexpected(failure, request);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException stale) {
        return Problems.of(
                HttpStatus.PRECONDITION_FAILED,
                "precondition-failed",
                "If-Match",
                "it changed since you read it (now version "
                        + stale.getActualVersion()
                        + "); read it again");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException missing) {
        return Problems.of(
                HttpStatus.NOT_FOUND,
                ErrorCode.NOT_FOUND.slug(),
                null,
                "nothing with id " + missing.getAggregateIdentifier() + " exists here");
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound missing) {
        return Problems.of(
                HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND.slug(), null, missing.getMessage());
    }

    @ExceptionHandler({
        ConcurrencyException.class,
        ConcurrencyFailureException.class,
        DuplicateKeyException.class
    })
    ProblemDetail conflict(RuntimeException clash) {
        log.info("concurrent change refused: {}", clash.toString());
        return Problems.of(
                HttpStatus.CONFLICT,
                "concurrent-modification",
                null,
                "another change to the same data won the race; read it again and retry");
    }

    @ExceptionHandler(LineageTooLarge.class)
    ProblemDetail tooLarge(LineageTooLarge tooLarge) {
        return Problems.of(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "lineage-too-large",
                "limit",
                tooLarge.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail reused(IdempotencyKeyReused reused) {
        return Problems.of(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "Idempotency-Key",
                reused.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyInProgress.class)
    ProblemDetail inProgress(IdempotencyKeyInProgress running) {
        return Problems.of(
                HttpStatus.CONFLICT,
                "idempotency-key-in-progress",
                "Idempotency-Key",
                running.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException invalid) {
        var error = invalid.getBindingResult().getFieldErrors().stream().findFirst();
        String detail =
                invalid.getBindingResult().getFieldErrors().stream()
                        .map(e -> e.getField() + " " + e.getDefaultMessage())
                        .collect(Collectors.joining("; "));
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                ErrorCode.INVALID_INPUT.slug(),
                error.map(e -> e.getField()).orElse(null),
                detail.isEmpty() ? "invalid request" : detail);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
        for (Throwable at = unreadable; at != null; at = at.getCause()) {
            if (at instanceof BodyLimitFilter.BodyTooLarge tooLarge) {
                return BodyLimitFilter.tooLarge(tooLarge.limit());
            }
        }
        Throwable cause = unreadable.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "unknown-field",
                    path(unknown),
                    "unknown field '" + unknown.getPropertyName() + "'");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "wrong-type",
                    field,
                    (field == null ? "the body" : field)
                            + " has the wrong type or an impossible value");
        }
        if (cause instanceof InputCoercionException tooBig && tooBig.getProcessor() != null) {
            String field = path(tooBig.getProcessor().getParsingContext());
            return Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "wrong-type",
                    field,
                    (field == null ? "a number" : field) + " is out of range");
        }
        if (cause instanceof StreamReadException malformed) {
            // The parser stops where the body goes wrong: a field named twice (which JSON leaves
            // undefined, so
            // the parser refuses it) or broken syntax; naming that field shows the client where to
            // look.
            String field =
                    malformed.getProcessor() == null
                            ? null
                            : path(malformed.getProcessor().getParsingContext());
            return Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "malformed-json",
                    field,
                    "the body is not well-formed JSON"
                            + (field == null ? "" : " at " + field)
                            + "; each field may appear once");
        }
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                "malformed-json",
                null,
                "the body is missing or unreadable");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException mismatch) {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                ErrorCode.INVALID_INPUT.slug(),
                mismatch.getName(),
                mismatch.getName() + " has the wrong type");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException missing) {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                ErrorCode.INVALID_INPUT.slug(),
                missing.getParameterName(),
                missing.getParameterName() + " is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException missing) {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                ErrorCode.INVALID_INPUT.slug(),
                missing.getHeaderName(),
                missing.getHeaderName() + " header is required");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException unsupported) {
        return Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                null,
                "send the body as application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException unsupported) {
        return Problems.of(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method-not-allowed",
                null,
                unsupported.getMethod() + " is not supported here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noSuchPath(NoResourceFoundException missing) {
        return Problems.of(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND.slug(), null, "no such path");
    }

    @ExceptionHandler(ReadYourWrites.NotReadyYet.class)
    ResponseEntity<ProblemDetail> notReadyYet(ReadYourWrites.NotReadyYet late) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(late.retryAfter().toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(
                        Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "position-not-reached",
                                ReadYourWrites.PARAMETER,
                                late.getMessage()));
    }

    @ExceptionHandler(CatalogCatchingUp.class)
    ResponseEntity<ProblemDetail> catchingUp(CatalogCatchingUp stored) {
        log.warn(stored.getMessage(), stored.getCause());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(
                        Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "catalog-catching-up",
                                null,
                                stored.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception failure, HttpServletRequest request) {
        log.error(
                "unexpected failure on {} {}",
                request.getMethod(),
                request.getRequestURI(),
                failure);
        return Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                null,
                "the ledger failed to handle this request; nothing was stored");
    }

    /** The status a refusal of {@code code} is answered with. */
    public static HttpStatus status(ErrorCode code) {
        return switch (code.kind()) {
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
    }

    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            path.insert(
                    0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.getCurrentName());
        }
        return path.isEmpty() ? null : path.substring(path.charAt(0) == '.' ? 1 : 0);
    }

    private static String path(JsonMappingException failure) {
        String path =
                failure.getPath().stream()
                        .map(
                                ref ->
                                        ref.getFieldName() != null
                                                ? "." + ref.getFieldName()
                                                : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining());
        return path.isEmpty() ? null : path.substring(path.startsWith(".") ? 1 : 0);
    }
}
