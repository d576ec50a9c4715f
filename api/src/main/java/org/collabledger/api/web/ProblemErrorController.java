package org.collabledger.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.collabledger.domain.shared.ErrorCode;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error path: failures that never reached a controller (a request the
 * security firewall rejects, say) are answered as {@code application/problem+json} like every other
 * refusal, never as Spring Boot's default error body.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        // Only the container's error dispatch has a failure to render; asked for directly, this
        // path is nothing.
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(
                            Problems.of(
                                    HttpStatus.NOT_FOUND,
                                    ErrorCode.NOT_FOUND.slug(),
                                    null,
                                    "no such path"));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String slug =
                status == HttpStatus.BAD_REQUEST
                        ? "bad-request"
                        : status.is5xxServerError()
                                ? "internal-error"
                                : status.name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', '-');
        String detail =
                status == HttpStatus.BAD_REQUEST
                        ? "the request was rejected as malformed"
                        : status.is5xxServerError()
                                ? "the ledger failed to handle this request; nothing was stored"
                                : status.getReasonPhrase();
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, slug, null, detail));
    }
}
