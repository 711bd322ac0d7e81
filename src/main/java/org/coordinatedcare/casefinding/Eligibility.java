package org.coordinatedcare.casefinding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Evaluates the latest deployed {@code case-finding-eligibility} table, so a table a process owner deploys from Modeler
 * decides the next run. The table is a pure function of its inputs, so one evaluation per distinct combination of
 * inputs serves every patient with that combination; evaluations write no decision history (a run over 100,000
 * patients would write millions of rows) — the run records the table's version and each candidate's reasons instead.
 */
@Component
public class Eligibility {

    public static final String DECISION_KEY = "case-finding-eligibility";

    private final RepositoryService repository;
    private final DmnEngine dmn =
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

    public Eligibility(RepositoryService repository) {
        this.repository = repository;
    }

    /** What the table says about one patient. */
    public record Verdict(boolean eligible, List<String> reasons, List<String> exclusions) {}

    /** The table as deployed now; use one per run so every patient of the run is judged by the same version. */
    public Table latest() {
        DecisionDefinition definition = repository
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(DECISION_KEY)
                .latestVersion()
                .withoutTenantId()
                .singleResult();
        if (definition == null) {
            throw new ProcessEngineException("Decision " + DECISION_KEY + " is not deployed");
        }
        DmnDecision decision = parsed.computeIfAbsent(definition.getId(), id -> {
            try (InputStream xml = repository.getDecisionModel(id)) {
                return dmn.parseDecision(DECISION_KEY, xml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new Table(
                decision, DECISION_KEY + " version " + definition.getVersion() + " (" + definition.getId() + ")");
    }

    /**
     * An uploaded version of the table, parsed by the same DMN engine as the deployed one and deployed nowhere: for a
     * preview ({@code POST /api/case-finding/preview}). The caller has checked it as a deployment would be checked.
     */
    public Table uploaded(byte[] xml) {
        return new Table(
                dmn.parseDecision(DECISION_KEY, new java.io.ByteArrayInputStream(xml)), DECISION_KEY + " (uploaded)");
    }

    /** One version of the table with its memory of evaluated input combinations. */
    public final class Table {

        private final DmnDecision decision;
        private final String version;
        private final Map<EligibilityInputs, Verdict> verdicts = new HashMap<>();

        private Table(DmnDecision decision, String version) {
            this.decision = decision;
            this.version = version;
        }

        public String version() {
            return version;
        }

        public Verdict decide(EligibilityInputs inputs) {
            return verdicts.computeIfAbsent(inputs, this::evaluate);
        }

        private Verdict evaluate(EligibilityInputs inputs) {
            List<String> reasons = new ArrayList<>();
            List<String> exclusions = new ArrayList<>();
            for (DmnDecisionRuleResult row : dmn.evaluateDecisionTable(decision, inputs.variables())) {
                Object outcome = row.get("outcome");
                String reason = String.valueOf(row.get("reason"));
                if ("include".equals(outcome)) {
                    reasons.add(reason);
                } else if ("exclude".equals(outcome)) {
                    exclusions.add(reason);
                } else {
                    throw new ProcessEngineException(
                            DECISION_KEY + " gave outcome '" + outcome + "'; rows must say include or exclude");
                }
            }
            return new Verdict(
                    !reasons.isEmpty() && exclusions.isEmpty(), List.copyOf(reasons), List.copyOf(exclusions));
        }
    }
}
