package org.coordinatedcare.fhir;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.coordinatedcare.fhir.RegisterWriter.Parsed;
import org.coordinatedcare.fhir.RegisterWriter.Result;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SimplePropertySqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * The upsert every resource type shares, a fixed number of statements per batch whatever its size: one query for the
 * rows that already exist, one {@code unnest} insert of all new rows and one JDBC batch of updates. A row whose values
 * are unchanged is not rewritten. The mappers ({@code PatientRows} and the like) give the SQL and the row values.
 */
final class BatchUpsert {

    private final NamedParameterJdbcTemplate jdbc;
    private final RegisterStatistics statistics;

    BatchUpsert(NamedParameterJdbcTemplate jdbc, RegisterStatistics statistics) {
        this.jdbc = jdbc;
        this.statistics = statistics;
    }

    record Row<V>(Parsed source, V values) {}

    record Existing<V>(long id, V values) {}

    /** Rows that exist already, keyed by every key they match on ("f:" FHIR id, "n:" NHS number, "o:" ODS code). */
    <V> Map<String, Existing<V>> existing(
            String sql, Map<String, List<String>> params, RowMapper<V> mapper, Function<V, List<String>> keys) {
        MapSqlParameterSource source = new MapSqlParameterSource();
        params.forEach((name, values) -> source.addValue(name, values.toArray(String[]::new)));
        Map<String, Existing<V>> existing = new HashMap<>();
        jdbc.query(sql, source, (ResultSet rs) -> {
            V values = mapper.mapRow(rs, 0);
            Existing<V> row = new Existing<>(rs.getLong("id"), values);
            for (String key : keys.apply(values)) {
                existing.putIfAbsent(key, row);
            }
        });
        return existing;
    }

    /**
     * Inserts new rows, updates changed ones, leaves equal ones alone; a second row with a key already in the batch
     * waits for the next round, so duplicates in one file update instead of colliding. Returns the created values.
     */
    <V> List<V> write(
            List<Row<V>> rows,
            Function<V, List<String>> keys,
            Function<List<V>, Map<String, Existing<V>>> lookup,
            BinaryOperator<V> merge,
            String insertSql,
            String updateSql,
            Result result) {
        List<V> created = new ArrayList<>();
        List<Row<V>> pending = rows;
        while (!pending.isEmpty()) {
            List<Row<V>> now = new ArrayList<>();
            List<Row<V>> later = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Row<V> row : pending) {
                List<String> rowKeys = keys.apply(row.values());
                if (rowKeys.stream().anyMatch(seen::contains)) {
                    later.add(row);
                } else {
                    seen.addAll(rowKeys);
                    now.add(row);
                }
            }
            Map<String, Existing<V>> existing =
                    lookup.apply(now.stream().map(Row::values).toList());
            List<V> inserts = new ArrayList<>();
            List<SqlParameterSource> updates = new ArrayList<>();
            for (Row<V> row : now) {
                Existing<V> found = keys.apply(row.values()).stream()
                        .map(existing::get)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
                V values =
                        merge == null ? row.values() : merge.apply(row.values(), found == null ? null : found.values());
                if (found == null) {
                    inserts.add(values);
                    created.add(values);
                    result.created++;
                } else if (found.values().equals(values)) {
                    result.unchanged++;
                } else {
                    updates.add(withId(values, found.id()));
                    result.updated++;
                }
            }
            if (!inserts.isEmpty()) {
                jdbc.update(insertSql, columns(inserts));
                statistics.inserted(insertSql, inserts.size());
            }
            if (!updates.isEmpty()) {
                jdbc.batchUpdate(updateSql, updates.toArray(SqlParameterSource[]::new));
            }
            pending = later;
        }
        return created;
    }

    /**
     * One statement that inserts a whole batch: each column arrives as one array and {@code unnest} turns the arrays
     * into rows. PostgreSQL parses and plans it once whatever the batch size, where a multi-row VALUES list costs a
     * parameter per value. Columns are given as "column type"; each array is the record property of the column's name
     * in camel case (fhir_id: fhirId). Give the column's own precision where it has one ("numeric(5,3)"): H2 casts a
     * bare numeric to whole numbers.
     */
    static String insertAll(String table, String... columns) {
        StringBuilder names = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        for (String column : columns) {
            String[] nameAndType = column.split(" ", 2);
            names.append(names.isEmpty() ? "" : ", ").append(nameAndType[0]);
            arrays.append(arrays.isEmpty() ? "" : ", ")
                    .append("cast(:")
                    .append(JdbcUtils.convertUnderscoreNameToPropertyName(nameAndType[0]))
                    .append(" as ")
                    .append(nameAndType[1])
                    .append(" array)");
        }
        return "insert into " + table + " (" + names + ") select * from unnest(" + arrays + ")";
    }

    /**
     * The rows' values column by column, one array per record property. Numbers of type long and booleans travel as
     * such; anything else as text (dates in ISO form, decimals in plain notation), which the statement casts: the
     * PostgreSQL driver sends arrays of strings, numbers and booleans, not of dates.
     */
    static <V> SqlParameterSource columns(List<V> rows) {
        MapSqlParameterSource columns = new MapSqlParameterSource();
        for (Property property : PROPERTIES.get(rows.get(0).getClass())) {
            Class<?> type = property.accessor().getReturnType();
            boolean number = type == Long.class || type == long.class;
            boolean flag = type == Boolean.class || type == boolean.class;
            Object[] values =
                    number ? new Long[rows.size()] : flag ? new Boolean[rows.size()] : new String[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Object value;
                try {
                    value = property.accessor().invoke(rows.get(i));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read " + property.name(), e);
                }
                values[i] = value == null || number || flag
                        ? value
                        : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            }
            columns.addValue(property.name(), values);
        }
        return columns;
    }

    private record Property(String name, Method accessor) {}

    /** A record's properties, looked up once per class: each lookup copies the accessors, whose calls then start slow. */
    private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(c -> new Property(c.getName(), c.getAccessor()))
                    .toList();
        }
    };

    private static SqlParameterSource withId(Object values, long id) {
        SqlParameterSource properties = new SimplePropertySqlParameterSource(values);
        return new SqlParameterSource() {
            @Override
            public boolean hasValue(String name) {
                return "id".equals(name) || properties.hasValue(name);
            }

            @Override
            public Object getValue(String name) {
                return "id".equals(name) ? id : properties.getValue(name);
            }

            @Override
            public int getSqlType(String name) {
                return "id".equals(name) ? java.sql.Types.BIGINT : properties.getSqlType(name);
            }
        };
    }
}
