package org.collabledger.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.collabledger.api.projections.Projections;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read your writes. Every command's answer carries the global position of its last event in the
 * {@value #HEADER} header; a read given that position, as {@code ?atLeast=} or in the same header,
 * answers only once the read models it answers from ({@link ReadsFrom}; every one when it does not
 * say) have reached it. A read given none answers once they have reached every position this node
 * acknowledged before the read began. Either way it waits at most {@code ledger.reads.wait} (5 s),
 * then answers 503 with {@code Retry-After}, and its answer's {@value #HEADER} header states the
 * position it reflects.
 */
@Component
public class ReadYourWrites implements HandlerInterceptor {

    /** The position a command's answer reached, and the one a read asks for and answers at. */
    public static final String HEADER = "Ledger-Position";

    /** The query parameter a read may give instead of the header. */
    public static final String PARAMETER = "atLeast";

    private static final long POLL_NANOS = Duration.ofMillis(1).toNanos();

    private final Projections projections;
    private final Duration wait;
    private final AtomicLong acknowledged = new AtomicLong();

    public ReadYourWrites(
            Projections projections, @Value("${ledger.reads.wait:5s}") Duration wait) {
        this.projections = projections;
        this.wait = wait;
    }

    /** How long a request waits for a processor before it answers 503. */
    public Duration longestWait() {
        return wait;
    }

    /**
     * Notes a position a command's answer reported, which every later read on this node waits for.
     */
    public void acknowledged(long position) {
        acknowledged.accumulateAndGet(position, Math::max);
    }

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"GET".equals(request.getMethod())) {
            return true;
        }
        long target = Math.max(asked(request), acknowledged.get());
        LongSupplier position = reachedBy(handler);
        long deadline = System.nanoTime() + wait.toNanos();
        long reached = position.getAsLong();
        while (reached < target) {
            if (System.nanoTime() - deadline > 0) {
                throw new NotReadyYet(target, reached, wait);
            }
            LockSupport.parkNanos(POLL_NANOS);
            reached = position.getAsLong();
        }
        response.setHeader(HEADER, Long.toString(reached));
        return true;
    }

    /**
     * Where the read models {@code handler} answers from stand: those its {@link ReadsFrom} names,
     * the event store's head when it names none, every read model without it.
     */
    private LongSupplier reachedBy(Object handler) {
        ReadsFrom reads = null;
        if (handler instanceof HandlerMethod method) {
            reads = method.getMethodAnnotation(ReadsFrom.class);
            if (reads == null) {
                reads = method.getBeanType().getAnnotation(ReadsFrom.class);
            }
        }
        if (reads == null) {
            return projections::reached;
        }
        if (reads.value().length == 0) {
            return projections::head;
        }
        List<String> names = List.of(reads.value());
        return () -> projections.reached(names);
    }

    /**
     * The position the read asks for, 0 when it asks for none; refused when it is not a position.
     */
    private static long asked(HttpServletRequest request) {
        long asked = 0;
        for (String given :
                new String[] {request.getParameter(PARAMETER), request.getHeader(HEADER)}) {
            if (given != null) {
                Refusal.require(
                        given.matches("[0-9]{1,18}"),
                        ErrorCode.INVALID_INPUT,
                        given.equals(request.getParameter(PARAMETER)) ? PARAMETER : HEADER,
                        "a ledger position is a whole number from 0, as a command's "
                                + HEADER
                                + " header gives it");
                asked = Math.max(asked, Long.parseLong(given));
            }
        }
        return asked;
    }

    /** The read models have not reached the position a read waits for within the wait. */
    public static final class NotReadyYet extends RuntimeException {
        private final transient Duration retryAfter;

        NotReadyYet(long target, long reached, Duration waited) {
            super(
                    "the read models stand at position "
                            + reached
                            + " and did not reach "
                            + target
                            + " within "
                            + waited.toMillis()
                            + " ms; ask again shortly");
            this.retryAfter = Duration.ofSeconds(1);
        }

        /** When to ask again. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
