package org.collabledger.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a URI it refuses to parse, such as one holding an encoded NUL, before
 * any servlet sees it) as {@code application/problem+json} instead of Tomcat's HTML page, with no
 * server details and no stack trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code =
                status == 400 ? "bad-request" : status >= 500 ? "internal-error" : "http-" + status;
        String detail =
                status == 400 ? "the request line or URI is malformed" : "the request failed";
        String body =
                "{\"type\":\""
                        + Problems.TYPE_PREFIX
                        + code
                        + "\",\"title\":\""
                        + code.replace('-', ' ')
                        + "\",\"status\":"
                        + status
                        + ",\"detail\":\""
                        + detail
                        + "\",\"code\":\""
                        + code
                        + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client went away; there is nobody left to tell
        }
    }
}
