package org.coordinatedcare.outcomes;

import org.coordinatedcare.outcomes.Outcomes.Report;
import org.coordinatedcare.outcomes.OutcomesScope.Scope;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/outcomes} (also at {@code GET /api/dashboard}): the outcomes report as JSON for managers (every
 * practice) and clinical leads (their own);
 * {@code GET /api/outcomes/{table}.csv} one of its tables as CSV.
 */
@RestController
class OutcomesController {

    static final String TEXT_CSV = "text/csv";

    private final OutcomesScope scopes;
    private final Outcomes outcomes;

    OutcomesController(OutcomesScope scopes, Outcomes outcomes) {
        this.scopes = scopes;
        this.outcomes = outcomes;
    }

    /** The same answer at the address the issue names, {@code /api/dashboard}: one handler, so never two answers. */
    @GetMapping(
            value = {"/api/outcomes", "/api/dashboard"},
            produces = "application/json")
    Report report(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String practice,
            @RequestParam(required = false) String neighbourhood) {
        return outcomes.report(scopes.resolve(from, to, practice, neighbourhood));
    }

    /** Who is behind one count of the funnel, so a manager can open their pathways. */
    @GetMapping(value = "/api/outcomes/people", produces = "application/json")
    Outcomes.People people(
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String practice,
            @RequestParam(required = false) String neighbourhood) {
        Scope scope = scopes.resolve(from, to, practice, neighbourhood);
        if (stage == null || stage.isBlank()) {
            throw new InvalidRequestException("stage", "Name a stage of the funnel, e.g. stage=Identified.");
        }
        return outcomes.people(scope, stage.strip());
    }

    @GetMapping(value = "/api/outcomes/{table}.csv")
    ResponseEntity<String> csv(
            @PathVariable String table,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String practice,
            @RequestParam(required = false) String neighbourhood) {
        Scope scope = scopes.resolve(from, to, practice, neighbourhood);
        if (!Outcomes.TABLES.contains(table)) {
            throw new InvalidRequestException(
                    "table",
                    "No table '" + (table.length() > 40 ? table.substring(0, 40) : table) + "'; the tables are "
                            + String.join(", ", Outcomes.TABLES) + ".");
        }
        Report report = outcomes.report(scope);
        String name = "outcomes-" + table + "-" + report.from() + "-" + report.to() + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CONTENT_TYPE, TEXT_CSV + ";charset=UTF-8")
                .body(report.tables().get(table).csv());
    }
}
