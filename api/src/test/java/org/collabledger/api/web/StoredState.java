package org.collabledger.api.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The row count and a digest of every row of the tables a refused request must leave alone: the
 * events, the catalog, the artists' keys and the idempotency records.
 */
record StoredState(Map<String, String> tables) {

    /** The guarded tables as they are now. */
    static StoredState read(JdbcTemplate jdbc) {
        List<String> names =
                new ArrayList<>(List.of("DOMAIN_EVENT_ENTRY", "ARTIST_KEY", "IDEMPOTENCY_KEY"));
        names.addAll(
                jdbc.queryForList(
                        "select table_name from information_schema.tables where table_schema = "
                                + "'PUBLIC' and table_name like 'CATALOG\\_%' order by table_name",
                        String.class));
        Map<String, String> tables = new LinkedHashMap<>();
        for (String name : names) {
            List<String> rows =
                    jdbc.query(
                            "select * from " + name,
                            (rs, n) -> {
                                StringBuilder row = new StringBuilder();
                                for (int column = 1;
                                        column <= rs.getMetaData().getColumnCount();
                                        column++) {
                                    Object value = rs.getObject(column);
                                    row.append(
                                                    value instanceof byte[] bytes
                                                            ? HexFormat.of().formatHex(bytes)
                                                            : value)
                                            .append('|');
                                }
                                return row.toString();
                            });
            // Rows in a fixed order, so the digest depends on what the table holds, not on how it
            // was read.
            rows.sort(null);
            tables.put(name, rows.size() + " rows, sha-256 " + sha256(rows));
        }
        return new StoredState(tables);
    }

    /** The tables whose rows differ from {@code before}, each with both states. */
    List<String> changesSince(StoredState before) {
        List<String> changes = new ArrayList<>();
        tables.forEach(
                (name, now) -> {
                    if (!now.equals(before.tables().get(name))) {
                        changes.add(
                                name.toLowerCase(java.util.Locale.ROOT)
                                        + " "
                                        + before.tables().get(name)
                                        + " -> "
                                        + now);
                    }
                });
        return changes;
    }

    private static String sha256(List<String> rows) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(row -> sha.update((row + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JVM", impossible);
        }
    }
}
