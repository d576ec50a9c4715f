package org.collabledger.api.web.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.collabledger.api.web.ProblemHandler;
import org.collabledger.domain.shared.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * Every problem code the ledger answers with, by the status it comes with: the refusals of {@link
 * ErrorCode} and the codes of the HTTP edge (ProblemHandler, the security and body filters, the
 * error path). OpenApiTest checks that each code the sources send is listed here.
 */
final class ProblemCatalog {

    private ProblemCatalog() {}

    /** The codes answered with each status, in the order a reader meets them. */
    static Map<HttpStatus, List<String>> byStatus() {
        Map<HttpStatus, List<String>> codes = new TreeMap<>();
        add(
                codes,
                HttpStatus.BAD_REQUEST,
                "invalid-input",
                "malformed-json",
                "unknown-field",
                "wrong-type",
                "bad-request");
        add(codes, HttpStatus.UNAUTHORIZED, "unauthenticated");
        add(codes, HttpStatus.FORBIDDEN, "forbidden");
        add(codes, HttpStatus.CONFLICT, "concurrent-modification", "idempotency-key-in-progress");
        add(codes, HttpStatus.PRECONDITION_FAILED, "precondition-failed");
        add(codes, HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large");
        add(codes, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
        add(codes, HttpStatus.UNPROCESSABLE_ENTITY, "lineage-too-large", "idempotency-key-reused");
        add(codes, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");
        add(codes, HttpStatus.SERVICE_UNAVAILABLE, "position-not-reached", "catalog-catching-up");
        for (ErrorCode code : ErrorCode.values()) {
            List<String> same =
                    codes.computeIfAbsent(ProblemHandler.status(code), s -> new ArrayList<>());
            if (!same.contains(code.slug())) {
                same.add(code.slug());
            }
        }
        return codes;
    }

    private static void add(
            Map<HttpStatus, List<String>> codes, HttpStatus status, String... slugs) {
        codes.computeIfAbsent(status, s -> new ArrayList<>()).addAll(Arrays.asList(slugs));
    }
}
