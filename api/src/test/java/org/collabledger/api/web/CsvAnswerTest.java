package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.collabledger.domain.shared.Fraction;
import org.junit.jupiter.api.Test;

/**
 * CSV cells that a spreadsheet neither runs as a formula nor reads as a date, and that read back.
 */
class CsvAnswerTest {

    private static final List<String> TEXTS =
            List.of(
                    "=HYPERLINK(\"http://x\",\"y\")",
                    "+1+1",
                    "-2",
                    "@SUM(A1)",
                    "\tindented",
                    "\rreturn",
                    "'=already quoted",
                    "''+twice",
                    "O'Brien",
                    "'Round Midnight",
                    "plain, with \"quotes\"\r\nand lines",
                    "");

    @Test
    void noTextCellStartsAFormulaAndOneApostropheOffGivesTheTextBack() throws IOException {
        String body =
                CsvAnswer.attachment(
                                "t.csv",
                                List.of("text"),
                                TEXTS.stream().map(text -> List.of(CsvAnswer.text(text))).toList())
                        .getBody();
        List<CSVRecord> rows =
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(new StringReader(body))
                        .getRecords();
        assertThat(rows).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            String cell = rows.get(i).get("text");
            assertThat(cell).as(TEXTS.get(i)).doesNotStartWith("=").doesNotStartWith("+");
            assertThat(cell).doesNotStartWith("-").doesNotStartWith("@");
            assertThat(cell).doesNotStartWith("\t").doesNotStartWith("\r");
            String back = cell.matches("(?s)'+[=+\\-@\t\r].*") ? cell.substring(1) : cell;
            assertThat(back).isEqualTo(TEXTS.get(i));
        }
    }

    @Test
    void aFractionIsSpacedOutAndReadsBackExactly() {
        Fraction share = Fraction.of(3, 32);
        String cell = CsvAnswer.fraction(share.toString());
        assertThat(cell).isEqualTo(share.numerator() + " / " + share.denominator());
        assertThat(Fraction.parse(cell.replace(" ", ""), "share")).isEqualTo(share);
    }

    @Test
    void theAnswerIsUtf8CsvToDownload() {
        var answer = CsvAnswer.attachment("statement-ana.csv", List.of("a"), List.of());
        assertThat(answer.getHeaders().getContentType().toString())
                .isEqualTo("text/csv;charset=utf-8");
        assertThat(answer.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("statement-ana.csv");
        assertThat(answer.getBody()).isEqualTo("a\r\n");
    }
}
