package org.collabledger.domain.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The currencies the ledger accepts: the active ISO 4217 currencies meant for payments, kept as
 * data in {@code currencies.csv} (its header names the source and date) rather than taken from
 * {@link java.util.Currency}, which also knows withdrawn, fund and metal codes.
 */
public final class Currencies {

    private static final Map<String, Integer> MINOR_UNITS = load();

    private Currencies() {}

    /**
     * The digits of each accepted currency's minor unit (2 for USD, 0 for JPY, 3 for KWD), by code.
     */
    public static Map<String, Integer> minorUnits() {
        return MINOR_UNITS;
    }

    private static Map<String, Integer> load() {
        Map<String, Integer> digits = new TreeMap<>();
        try (InputStream in = Currencies.class.getResourceAsStream("currencies.csv")) {
            if (in == null) {
                throw new IllegalStateException("currencies.csv is missing from the classpath");
            }
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#") || line.equals("code,minor_units")) {
                    continue;
                }
                // A malformed line would quietly refuse or misprice a currency, so it stops the
                // start-up.
                if (!line.matches("[A-Z]{3},[0-4]")
                        || digits.put(line.substring(0, 3), line.charAt(4) - '0') != null) {
                    throw new IllegalStateException(
                            "currencies.csv: bad or repeated line '" + line + "'");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("currencies.csv cannot be read", e);
        }
        return Collections.unmodifiableMap(digits);
    }
}
