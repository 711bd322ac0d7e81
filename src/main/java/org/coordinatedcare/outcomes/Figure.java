package org.coordinatedcare.outcomes;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One number of the report and how many people it is drawn from. A figure drawn from fewer than the configured minimum
 * of people is suppressed: value and people are null and {@code suppressed} is true, never a 0 in its place.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Figure(Number value, Integer people, boolean suppressed) {

    /** A count of people: suppressed when 1 to min-1 (0 reveals no one and is shown). */
    static Figure count(int people, int minPeople) {
        return people > 0 && people < minPeople ? hidden() : new Figure(people, people, false);
    }

    /** A measure (median, rate) over {@code people}: suppressed below the minimum; with no one behind it, no value. */
    static Figure measure(Double value, int people, int minPeople) {
        if (people < minPeople) {
            return people == 0 ? new Figure(null, 0, false) : hidden();
        }
        return new Figure(value == null ? null : Math.round(value * 100) / 100.0, people, false);
    }

    /** A figure about work, not people (a caseload, overdue tasks): never suppressed (ADR 0025). */
    static Figure operational(int value) {
        return new Figure(value, null, false);
    }

    static Figure hidden() {
        return new Figure(null, null, true);
    }

    /** The text of the figure in a CSV cell: empty when suppressed or unknown. */
    String csv() {
        return value == null ? "" : value.toString();
    }
}
