package org.coordinatedcare.outcomes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table of the report: its columns in order and its rows, each a map from column to a text or a {@link Figure}.
 * The same rows answer as JSON and as CSV.
 */
public record OutcomesTable(String title, List<String> columns, List<Map<String, Object>> rows) {

    OutcomesTable(String title, String... columns) {
        this(title, List.of(columns), new ArrayList<>());
    }

    OutcomesTable row(Object... cells) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            row.put(columns.get(i), cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** RFC 4180 CSV; each figure gives its value and, after it, whether it was suppressed. */
    String csv() {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        Map<String, Object> first = rows.isEmpty() ? Map.of() : rows.get(0);
        for (String column : columns) {
            header.add(column);
            if (first.get(column) instanceof Figure) {
                header.add(column + "_suppressed");
            }
        }
        out.append(String.join(",", header)).append("\r\n");
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                Object cell = row.get(column);
                if (cell instanceof Figure figure) {
                    cells.add(figure.csv());
                    cells.add(Boolean.toString(figure.suppressed()));
                } else {
                    cells.add(quoted(cell == null ? "" : cell.toString()));
                }
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static String quoted(String field) {
        // a leading =, +, - or @ would be a formula in a spreadsheet: prefixed with a quote
        String safe = field.matches("^[=+\\-@].*") ? "'" + field : field;
        return safe.matches("(?s).*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
