package org.collabledger.api.web.releases;

/**
 * RFC 4180 quoting, with a guard against spreadsheet formula injection from user-written titles.
 */
final class Csv {

    private Csv() {}

    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",")
                || text.contains("\"")
                || text.contains("\n")
                || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
