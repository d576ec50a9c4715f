package org.collabledger.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: 64 KiB for every command, 32 MiB for a digest file sent to the verifier (ten
 * million events make about 2.5 MB). A declared length above the cap is refused with 413 before
 * anything is read; a body that streams past it fails the read, which also ends as 413. A body
 * declared as a wildcard media type ({@code *}{@code /*}, {@code application/*}) is refused with
 * 415 here, because Spring MVC fails on one with an exception of its own (spring-framework#27957)
 * that would end as a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyLimitFilter extends OncePerRequestFilter {

    static final long COMMAND_LIMIT = 64 * 1024;
    static final long DIGEST_LIMIT = 32L * 1024 * 1024;

    private final ObjectMapper json;

    public BodyLimitFilter(ObjectMapper json) {
        this.json = json;
    }

    /** A body that went past its cap while being read. */
    public static final class BodyTooLarge extends IOException {
        private final long limit;

        BodyTooLarge(long limit) {
            super("the body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (declaresWildcard(request.getContentType())) {
            Problems.write(
                    response,
                    json,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "unsupported-media-type",
                            null,
                            "send the body as application/json"));
            return;
        }
        long limit =
                request.getRequestURI().equals("/api/ledger/verify") ? DIGEST_LIMIT : COMMAND_LIMIT;
        if (request.getContentLengthLong() > limit) {
            Problems.write(response, json, tooLarge(limit));
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    private ServletInputStream stream;

                    @Override
                    public ServletInputStream getInputStream() throws IOException {
                        if (stream == null) {
                            stream = new Capped(request.getInputStream(), limit);
                        }
                        return stream;
                    }
                },
                response);
    }

    private static boolean declaresWildcard(String contentType) {
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            return type != null && (type.isWildcardType() || type.isWildcardSubtype());
        } catch (InvalidMediaTypeException unparsable) {
            return false; // Spring MVC refuses that one itself, with 415.
        }
    }

    /** The problem for a body over {@code limit} bytes. */
    static org.springframework.http.ProblemDetail tooLarge(long limit) {
        return Problems.of(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "body-too-large",
                null,
                "the body must not exceed " + limit + " bytes");
    }

    /** The request's stream, failing once more than {@code limit} bytes came through. */
    private static final class Capped extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Capped(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
