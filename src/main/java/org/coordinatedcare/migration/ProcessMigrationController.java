package org.coordinatedcare.migration;

import java.net.URI;
import java.util.Map;

import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.security.EngineActor;
import org.coordinatedcare.security.ProcessChangeAccess;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moving running instances to another version of their process (ADR 0029), for process owners and administrators:
 * {@code POST /api/process-migrations/plan} shows the plan and which instances cannot be moved and why;
 * {@code POST /api/process-migrations} moves the rest as a batch; {@code GET /api/process-migrations/{batchId}} follows
 * it; {@code GET /api/process-migrations/versions?processDefinitionKey=...} counts running instances per version. The
 * engine calls run as the system after the role check here: process owners hold no engine right on instances, and the
 * engine REST gate keeps migration on {@code /engine-rest} for administrators.
 */
@RestController
public class ProcessMigrationController {

    private final ProcessMigrations migrations;
    private final ProcessChangeAccess access;
    private final EngineActor engine;
    private final CurrentUser currentUser;

    public ProcessMigrationController(
            ProcessMigrations migrations, ProcessChangeAccess access, EngineActor engine, CurrentUser currentUser) {
        this.migrations = migrations;
        this.access = access;
        this.engine = engine;
        this.currentUser = currentUser;
    }

    @PostMapping("/api/process-migrations/plan")
    ProcessMigrations.Plan plan(@RequestBody(required = false) ProcessMigrations.Request request) {
        access.check("plan the migration of running pathways");
        return engine.asSystem(() -> migrations.plan(required(request)));
    }

    @PostMapping("/api/process-migrations")
    ResponseEntity<ProcessMigrations.Started> execute(
            @RequestBody(required = false) ProcessMigrations.Request request) {
        access.check("migrate running pathways");
        String actor = currentUser.orSystem();
        ProcessMigrations.Started started = engine.asSystem(() -> migrations.execute(required(request), actor));
        return ResponseEntity.accepted().location(URI.create(started.href())).body(started);
    }

    @GetMapping("/api/process-migrations/versions")
    Map<Integer, Long> versions(@RequestParam(name = "processDefinitionKey", required = false) String key) {
        access.check("see migrations");
        if (key == null || key.isBlank()) {
            throw new InvalidRequestException(
                    "processDefinitionKey", "Name the process, e.g. ?processDefinitionKey=coordinated-care.");
        }
        return engine.asSystem(() -> migrations.runningPerVersion(key.strip()));
    }

    @GetMapping("/api/process-migrations/{batchId}")
    ProcessMigrations.Status status(
            @PathVariable String batchId, @RequestParam(name = "processDefinitionKey", required = false) String key) {
        access.check("see migrations");
        if (!batchId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new InvalidRequestException("batchId", "'" + batchId + "' is not a batch id.");
        }
        return engine.asSystem(() -> migrations.status(batchId, key == null || key.isBlank() ? null : key.strip()));
    }

    private static ProcessMigrations.Request required(ProcessMigrations.Request request) {
        if (request == null) {
            throw new InvalidRequestException(
                    "body",
                    "Send {\"processDefinitionKey\", \"sourceVersion\", \"targetVersion\", \"mappings\": [{\"from\", \"to\"}]}.");
        }
        return request;
    }
}
