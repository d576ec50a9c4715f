package org.collabledger.api.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.collabledger.api.web.Problems;
import org.collabledger.domain.shared.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets every read that takes {@code asOf} (a global position) take {@code asOfTime} (an ISO
 * instant) instead: the time becomes the position of the last event stored at or before it, so all
 * as-of views answer by time through one rule.
 */
@Component
public class AsOfTimeFilter extends OncePerRequestFilter {

    private static final String TIME = "asOfTime";
    private static final String POSITION = "asOf";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AsOfTimeFilter(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getParameter(TIME) == null;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getParameter(POSITION) != null) {
            refuse(response, "give asOf (a position) or asOfTime (an instant), not both");
            return;
        }
        Instant time;
        try {
            time = Instant.parse(request.getParameter(TIME));
        } catch (DateTimeParseException e) {
            refuse(response, "asOfTime must be an ISO-8601 instant such as 2026-07-01T00:00:00Z");
            return;
        }
        String position = Long.toString(positionAt(time));
        Map<String, String[]> parameters = new HashMap<>(request.getParameterMap());
        parameters.put(POSITION, new String[] {position});
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getParameter(String name) {
                        String[] values = parameters.get(name);
                        return values == null ? null : values[0];
                    }

                    @Override
                    public Map<String, String[]> getParameterMap() {
                        return Collections.unmodifiableMap(parameters);
                    }

                    @Override
                    public Enumeration<String> getParameterNames() {
                        return Collections.enumeration(parameters.keySet());
                    }

                    @Override
                    public String[] getParameterValues(String name) {
                        return parameters.get(name);
                    }
                },
                response);
    }

    /**
     * The greatest global position whose event was stored at or before {@code time}; 0 if none.
     * Stored times are ISO strings with a varying number of fraction digits, so they compare as
     * text only to the second: earlier seconds are found by text, and the events of {@code time}'s
     * own second are parsed.
     */
    long positionAt(Instant time) {
        String second = time.truncatedTo(ChronoUnit.SECONDS).toString().substring(0, 19);
        String nextSecond =
                time.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString().substring(0, 19);
        Long before =
                jdbc.queryForObject(
                        "select max(global_index) from domain_event_entry where time_stamp < ?",
                        Long.class,
                        second);
        long[] found = {before == null ? 0 : before};
        jdbc.query(
                "select global_index, time_stamp from domain_event_entry where time_stamp >= ? and time_stamp < ?",
                rs -> {
                    if (!Instant.parse(rs.getString(2)).isAfter(time)) {
                        found[0] = Math.max(found[0], rs.getLong(1));
                    }
                },
                second,
                nextSecond);
        return found[0];
    }

    private void refuse(HttpServletResponse response, String detail) throws IOException {
        Problems.write(
                response,
                json,
                Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.slug(), TIME, detail));
    }
}
