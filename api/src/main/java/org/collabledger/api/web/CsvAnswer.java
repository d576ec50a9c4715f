package org.collabledger.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The ledger's CSV answers: RFC 4180 (comma, double quotes where needed, CRLF) written by Apache
 * Commons CSV, UTF-8 without a byte order mark, a header row, served as {@code text/csv;
 * charset=utf-8} for download under a file name. Cells that a spreadsheet would misread are written
 * so that it cannot: people's text is neutralised against formula injection ({@link #text}) and
 * exact fractions keep spaces around their slash ({@link #fraction}). Decimals are written with a
 * point whatever the reader's locale: a spreadsheet set to a language with a decimal comma reads
 * {@code 6.172} as 6172 (LibreOffice 7.4 in German, measured), so each amount also has an exact
 * integer column in minor units.
 */
public final class CsvAnswer {

    /** The media type of every CSV answer. */
    public static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv; charset=utf-8");

    /**
     * A cell that Excel, LibreOffice Calc or Google Sheets would take for a formula (OWASP's list:
     * it starts with {@code = + - @}, a tab or a carriage return), or that would read as one once a
     * leading apostrophe is taken off.
     */
    private static final Pattern FORMULA = Pattern.compile("'*[=+\\-@\t\r]");

    private CsvAnswer() {}

    /**
     * The CSV of {@code rows} under {@code header}, as a download named {@code fileName}. A null
     * cell is empty; numbers are written as Java prints them, so a negative amount keeps its sign.
     */
    public static ResponseEntity<String> attachment(
            String fileName, List<String> header, List<? extends List<?>> rows) {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer =
                new CSVPrinter(
                        csv,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(header.toArray(String[]::new))
                                .get())) {
            printer.printRecords(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName).build().toString())
                .body(csv.toString());
    }

    /**
     * Text that people wrote (a title, a name) as a cell that no spreadsheet runs as a formula: one
     * apostrophe goes before text that starts as a formula would, after any apostrophes of its own,
     * so a reader gets the text back exactly by taking one apostrophe off such a cell. LibreOffice
     * 7.4 shows the apostrophe and keeps the cell as text; without it, it evaluates {@code =1+1}.
     */
    public static String text(String value) {
        return value != null && FORMULA.matcher(value).lookingAt() ? "'" + value : value;
    }

    /**
     * An exact fraction {@code "n/d"} as the cell {@code "n / d"}. Excel reads {@code 1/4} as the
     * date 4 January and {@code 3/32} as March 1932 (its documented entry rules: digits, slash,
     * digits), LibreOffice 7.4 reads {@code 1/4} and {@code 5/12} as dates when it detects special
     * numbers (measured). Spaced out, the fraction fits none of those patterns, and LibreOffice
     * kept it as text with and without that detection, in English and in German (measured). A
     * leading apostrophe would do too, but shows in the cell. Text is also what an exact share
     * should be: no rounding touches it, and taking the spaces out gives the canonical form back.
     */
    public static String fraction(String exact) {
        return exact == null ? null : exact.replace("/", " / ");
    }
}
