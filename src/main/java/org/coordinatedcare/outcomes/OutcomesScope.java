package org.coordinatedcare.outcomes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.coordinatedcare.security.Roles;
import org.coordinatedcare.team.ProfessionalRole;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Who may read outcomes and for which practices: managers and administrators every practice, a clinical lead
 * (group {@code clinical-lead-<ods>}) their own practice only, everyone else nothing. Also turns the request's period
 * and practice or neighbourhood into the practices and dates the report is for, or a 400 naming the field.
 */
@Component
class OutcomesScope {

    static final String LEAD_PREFIX = ProfessionalRole.CLINICAL_LEAD_GROUP + "-";

    /** A practice the report may cover. */
    record PracticeRow(@JsonIgnore long id, String odsCode, String name, String neighbourhood) {}

    /** The practices and the period (both dates included) of one report. */
    record Scope(
            List<PracticeRow> practices,
            LocalDate from,
            LocalDate to,
            String practice,
            String neighbourhood,
            List<PracticeRow> choices) {
        List<Long> practiceIds() {
            return practices.stream().map(PracticeRow::id).toList();
        }
    }

    private final IdentityService identity;
    private final JdbcClient jdbc;

    OutcomesScope(IdentityService identity, JdbcClient jdbc) {
        this.identity = identity;
        this.jdbc = jdbc;
    }

    Scope resolve(String from, String to, String practice, String neighbourhood) {
        List<String> groups = groups();
        boolean seesAll = groups.contains(Roles.MANAGER) || groups.contains(Roles.ADMIN);
        List<String> led = groups.stream()
                .filter(g -> g.startsWith(LEAD_PREFIX))
                .map(g -> g.substring(LEAD_PREFIX.length()))
                .toList();
        if (!seesAll && led.isEmpty()) {
            throw new AccessDeniedException("Outcomes are for managers, and for clinical leads of their own practice.");
        }
        LocalDate toDate = date("to", to, LocalDate.now());
        LocalDate fromDate = date("from", from, toDate.minusYears(1).plusDays(1));
        if (fromDate.isAfter(toDate)) {
            throw new InvalidRequestException("to", "'to' (" + toDate + ") is before 'from' (" + fromDate + ").");
        }
        List<PracticeRow> all = jdbc.sql("select id, ods_code, name, neighbourhood from practice order by ods_code")
                .query(PracticeRow.class)
                .list();
        List<PracticeRow> chosen = all;
        if (practice != null && !practice.isBlank()) {
            String code = practice.strip();
            chosen = all.stream().filter(p -> p.odsCode().equals(code)).toList();
            if (chosen.isEmpty()) {
                throw new InvalidRequestException("practice", "No practice with ODS code '" + shorten(code) + "'.");
            }
        }
        if (neighbourhood != null && !neighbourhood.isBlank()) {
            String name = neighbourhood.strip();
            if (all.stream().noneMatch(p -> p.neighbourhood().equalsIgnoreCase(name))) {
                throw new InvalidRequestException("neighbourhood", "No neighbourhood '" + shorten(name) + "'.");
            }
            chosen = chosen.stream()
                    .filter(p -> p.neighbourhood().equalsIgnoreCase(name))
                    .toList();
            if (chosen.isEmpty()) {
                throw new InvalidRequestException(
                        "neighbourhood", "Practice " + practice.strip() + " is not in neighbourhood '" + name + "'.");
            }
        }
        if (!seesAll) {
            boolean named =
                    (practice != null && !practice.isBlank()) || (neighbourhood != null && !neighbourhood.isBlank());
            if (!named) {
                chosen = chosen.stream().filter(p -> led.contains(p.odsCode())).toList();
            } else if (!chosen.stream().allMatch(p -> led.contains(p.odsCode()))) {
                throw new AccessDeniedException("A clinical lead sees the outcomes of their own practice only.");
            }
        }
        List<PracticeRow> choices = seesAll
                ? all
                : all.stream().filter(p -> led.contains(p.odsCode())).toList();
        return new Scope(chosen, fromDate, toDate, practice, neighbourhood, choices);
    }

    private static LocalDate date(String field, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 1900 || date.getYear() > 2999) {
                throw new InvalidRequestException(field, "'" + field + "' must be a date between 1900 and 2999.");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    field, "'" + field + "' must be a date as yyyy-MM-dd, got '" + shorten(value) + "'.");
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private List<String> groups() {
        Authentication authentication = identity.getCurrentAuthentication();
        return authentication == null || authentication.getGroupIds() == null
                ? List.of()
                : authentication.getGroupIds();
    }
}
