package org.collabledger.api.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds {@code application/problem+json} bodies with a stable {@code type} per error code. */
public final class Problems {

    /** Prefix of every problem type; the rest is the error code's slug. */
    public static final String TYPE_PREFIX = "urn:collabledger:problem:";

    private Problems() {}

    /**
     * A problem of {@code code} (a slug such as {@code unknown-resource}), naming {@code field}
     * when one is at fault.
     */
    public static ProblemDetail of(HttpStatus status, String code, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(title(code));
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /**
     * Writes {@code problem} as the whole response, for filters that answer before any controller.
     */
    public static void write(
            jakarta.servlet.http.HttpServletResponse response,
            com.fasterxml.jackson.databind.ObjectMapper json,
            ProblemDetail problem)
            throws java.io.IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String title(String code) {
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
