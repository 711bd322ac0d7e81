package org.coordinatedcare.casefinding;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Case finding on demand and its results: {@code POST /api/case-finding/runs} ({@code {"practice": "A10001"}}, or no
 * body for every practice) answers 202 with the run id; {@code GET /api/case-finding/runs/{id}} shows its status, the
 * candidates (patientId = the FHIR Patient id), highest Cambridge Multimorbidity Score first within a practice, with
 * their score, evidence and decisions, and the annual reviews due with what changed since the patient was identified.
 */
@RestController
public class CaseFindingController {

    private final CaseFindingRuns runs;
    private final CaseFindingRunRepository runRepository;
    private final PracticeRepository practices;
    private final ReviewList lists;
    private final CaseFindingAccess access;
    private final CurrentUser currentUser;
    private final IdentityService identityService;

    public CaseFindingController(
            CaseFindingRuns runs,
            CaseFindingRunRepository runRepository,
            PracticeRepository practices,
            ReviewList lists,
            CaseFindingAccess access,
            CurrentUser currentUser,
            IdentityService identityService) {
        this.runs = runs;
        this.runRepository = runRepository;
        this.practices = practices;
        this.lists = lists;
        this.access = access;
        this.currentUser = currentUser;
        this.identityService = identityService;
    }

    record RunRequest(String practice) {}

    record RunStarted(long runId, String status, String href) {}

    /**
     * {@code listNo} is the row's number on the review form; {@code cmsScore} the Cambridge Multimorbidity Score,
     * {@code cmsBreakdown} its conditions and weights; {@code evidence} the coded conditions, frailty records and
     * hospital events the search saw.
     */
    record CandidateView(
            long listNo,
            String patientId,
            String name,
            String practice,
            int ltcCount,
            List<String> ltcCategories,
            List<String> reasons,
            String decision,
            String exclusionReason,
            String exclusionNote,
            String decidedBy,
            String pathway,
            BigDecimal cmsScore,
            List<ReviewList.ScorePart> cmsBreakdown,
            CandidateEvidence.Evidence evidence) {}

    record AnnualReviewView(
            String patientId,
            String name,
            String practice,
            LocalDate onPathwaySince,
            Boolean booked,
            String bookedBy,
            CandidateEvidence.Changes sinceIdentified) {}

    record RunView(
            long runId,
            String practice,
            String trigger,
            String status,
            Instant requestedAt,
            String requestedBy,
            Instant foundAt,
            Instant completedAt,
            String decision,
            String codeList,
            List<CandidateView> candidates,
            List<AnnualReviewView> annualReviews) {}

    @PostMapping("/api/case-finding/runs")
    ResponseEntity<RunStarted> request(@RequestBody(required = false) RunRequest request) {
        Practice practice = null;
        if (request != null && request.practice() != null) {
            String code = request.practice().strip();
            if (!code.matches("[A-Za-z0-9]{3,10}")) {
                throw new InvalidRequestException(
                        "practice", "practice must be an ODS code such as A10001, or left out for every practice.");
            }
            practice = practices
                    .findByOdsCode(code.toUpperCase())
                    .orElseThrow(() -> new InvalidRequestException(
                            "practice", "There is no practice with ODS code " + code + "."));
        }
        access.checkRequest(practice);
        String by = currentUser.orSystem();
        // Access is checked above; the run itself is the system's work, so it starts without the caller's engine
        // authorizations (clinicians may not start processes other than the pathway).
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        CaseFindingRun run;
        try {
            run = runs.request(practice, by);
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
        String href = "/api/case-finding/runs/" + run.id();
        return ResponseEntity.accepted()
                .location(URI.create(href))
                .body(new RunStarted(run.id(), run.status().name(), href));
    }

    @GetMapping("/api/case-finding/runs/{runId}")
    RunView run(@PathVariable long runId) {
        CaseFindingRun run = runRepository
                .findById(runId)
                .orElseThrow(() -> new NoSuchElementException("No case-finding run with id " + runId));
        String practiceCode = run.practiceId() == null
                ? null
                : practices.findById(run.practiceId()).orElseThrow().odsCode();
        boolean all = access.seesAll();
        if (!all && practiceCode != null && !access.isMemberOf(practiceCode)) {
            throw new AccessDeniedException("You can see case finding for your own practice only.");
        }
        // a clinician sees their own practice's part of an all-practice run
        List<CandidateView> candidates = lists.candidates(runId, practiceCode).stream()
                .filter(c -> all || access.isMemberOf(c.practiceCode()))
                .map(c -> new CandidateView(
                        c.id(),
                        c.patientRef(),
                        c.label(),
                        c.practiceCode(),
                        c.ltcCount(),
                        c.ltcCategories(),
                        c.reasons(),
                        c.decision(),
                        c.exclusionReason(),
                        c.exclusionNote(),
                        c.decidedBy(),
                        c.pathwayOutcome(),
                        c.cmsScore(),
                        c.cmsBreakdown(),
                        c.evidence()))
                .toList();
        List<AnnualReviewView> reviews = lists.annualReviews(runId, practiceCode).stream()
                .filter(r -> all || access.isMemberOf(r.practiceCode()))
                .map(r -> new AnnualReviewView(
                        r.patientRef(),
                        r.label(),
                        r.practiceCode(),
                        r.onPathwaySince(),
                        r.booked(),
                        r.bookedBy(),
                        r.changes()))
                .toList();
        return new RunView(
                run.id(),
                practiceCode,
                run.triggerKind(),
                run.status().name(),
                run.requestedAt(),
                run.requestedBy(),
                run.foundAt(),
                run.completedAt(),
                run.decisionVersion(),
                run.codeListVersion(),
                candidates,
                reviews);
    }
}
