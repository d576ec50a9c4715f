package org.collabledger.ops.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.collabledger.api.evidence.LedgerVerifier;
import org.collabledger.api.evidence.ProofJson;
import org.collabledger.api.evidence.StoreDigest;
import org.collabledger.domain.evidence.Digest;
import org.collabledger.domain.evidence.InclusionProof;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The auditor's command-line tool: takes a digest of the event store into a file, verifies the
 * store against a digest file kept earlier, and checks an inclusion proof against a digest file. It
 * reads the database directly and trusts nothing the ledger says. Exit status: 0 clean, 2 a
 * difference or a failed proof, 1 a usage or connection error.
 */
public final class LedgerAudit {

    private static final String USAGE =
            """
            usage: ledger-audit <command> [options]
              digest      --out FILE [--position P]     digest of the store up to P (default: where the ledger's seal is)
              verify      --digest FILE                 report the first event altered, removed, inserted or reordered
              check-proof --digest FILE --proof FILE    check a proof (JSON from GET /api/ledger/proof) against a digest
            database (digest, verify): --url JDBC_URL [--user U] [--password P], or LEDGER_DB_URL, LEDGER_DB_USER,
            LEDGER_DB_PASSWORD""";

    private LedgerAudit() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(1);
        }
        Map<String, String> options = options(args);
        int status =
                switch (args[0]) {
                    case "digest" -> digest(options);
                    case "verify" -> verify(options);
                    case "check-proof" -> checkProof(options);
                    default -> {
                        System.err.println(USAGE);
                        yield 1;
                    }
                };
        System.exit(status);
    }

    private static int digest(Map<String, String> options) throws Exception {
        DataSource store = store(options);
        long upTo =
                options.containsKey("position")
                        ? Long.parseLong(options.get("position"))
                        : StoreDigest.sealedPosition(store);
        long started = System.nanoTime();
        Digest digest = StoreDigest.compute(store, upTo, Instant.now());
        Path out = Path.of(required(options, "out"));
        Files.writeString(out, digest.toFile(), StandardCharsets.UTF_8);
        System.out.printf(
                "digest of %,d events up to position %d: %s%nwritten to %s (%.1f s)%n",
                digest.treeSize(),
                digest.position(),
                digest.rootHex(),
                out,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static int verify(Map<String, String> options) throws Exception {
        Digest digest =
                Digest.parse(
                        Files.readString(
                                Path.of(required(options, "digest")), StandardCharsets.UTF_8));
        LedgerVerifier.Report report = LedgerVerifier.verify(store(options), digest);
        System.out.println(json().writeValueAsString(report));
        return report.clean() ? 0 : 2;
    }

    private static int checkProof(Map<String, String> options) throws Exception {
        Digest digest =
                Digest.parse(
                        Files.readString(
                                Path.of(required(options, "digest")), StandardCharsets.UTF_8));
        JsonNode proof =
                json().readTree(
                                Files.readString(
                                        Path.of(required(options, "proof")),
                                        StandardCharsets.UTF_8));
        // The leaf hash is recomputed from the event's own bytes, never taken from the ledger's
        // word.
        InclusionProof inclusion = ProofJson.inclusion(proof, ProofJson.entry(proof).leafHash());
        boolean included = inclusion.verifies(digest);
        System.out.printf(
                "event %s at position %d %s the ledger of %,d events with root %s%n",
                inclusion.eventId(),
                inclusion.position(),
                included ? "IS IN" : "is NOT proven to be in",
                digest.treeSize(),
                digest.rootHex());
        return included ? 0 : 2;
    }

    private static DataSource store(Map<String, String> options) {
        String url = options.getOrDefault("url", System.getenv("LEDGER_DB_URL"));
        if (url == null) {
            throw new IllegalArgumentException("give --url or LEDGER_DB_URL\n" + USAGE);
        }
        return new DriverManagerDataSource(
                url,
                options.getOrDefault("user", env("LEDGER_DB_USER", "")),
                options.getOrDefault("password", env("LEDGER_DB_PASSWORD", "")));
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null ? otherwise : value;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required\n" + USAGE);
        }
        return value;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException(
                        "options come as --name value, not '" + args[i] + "'\n" + USAGE);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static ObjectMapper json() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }
}
