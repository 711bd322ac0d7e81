package org.coordinatedcare.preview;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.coordinatedcare.deployment.DeploymentGuard;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded decision table, untrusted: at most {@link #MAX_BYTES}, refused by {@link DeploymentGuard} for anything a
 * deployment may not contain (a language other than FEEL; the guard's XML reader refuses DTDs and external entities
 * before the DMN parser sees the bytes), then parsed by the DMN engine for the decision the preview is about. Every
 * refusal is a 400 naming the part ({@code dmn}, or {@code body} for an XML body).
 */
@Component
public class UploadedDecision {

    static final int MAX_BYTES = 200 * 1024;

    private final DeploymentGuard guard;
    private final RepositoryService repository;
    private final DmnEngine dmn =
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    public UploadedDecision(DeploymentGuard guard, RepositoryService repository) {
        this.guard = guard;
        this.repository = repository;
    }

    /** The upload's bytes, checked: from the multipart part {@code dmn} or the XML body. */
    byte[] read(MultipartFile part, byte[] body, String decisionKey) {
        String field = part != null ? "dmn" : "body";
        byte[] xml;
        try {
            xml = part != null ? part.getBytes() : body;
        } catch (IOException e) {
            throw new InvalidRequestException(field, "The upload could not be read.");
        }
        if (xml == null || xml.length == 0) {
            throw new InvalidRequestException(
                    "dmn", "Upload the changed " + decisionKey + ".dmn as the multipart part 'dmn' or as an XML body.");
        }
        if (xml.length > MAX_BYTES) {
            throw new InvalidRequestException(field, "A decision table is at most " + MAX_BYTES / 1024 + " KB.");
        }
        List<String> refusals = guard.refusals(decisionKey + ".dmn", xml);
        if (!refusals.isEmpty()) {
            throw new InvalidRequestException(field, "The decision table is refused: " + String.join("; ", refusals));
        }
        parse(xml, decisionKey, field);
        return xml;
    }

    DmnDecision parse(byte[] xml, String decisionKey, String field) {
        try {
            return dmn.parseDecision(decisionKey, new ByteArrayInputStream(xml));
        } catch (DmnEngineException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidRequestException(
                    field, "It is not a decision table with the decision '" + decisionKey + "': " + e.getMessage());
        }
    }

    /** The latest deployed version of the decision, parsed by the same engine as the upload. */
    Deployed deployed(String decisionKey) {
        DecisionDefinition definition = repository
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(decisionKey)
                .latestVersion()
                .withoutTenantId()
                .singleResult();
        if (definition == null) {
            throw new IllegalStateException("Decision " + decisionKey + " is not deployed");
        }
        try (InputStream xml = repository.getDecisionModel(definition.getId())) {
            return new Deployed(
                    dmn.parseDecision(decisionKey, xml), decisionKey + " version " + definition.getVersion());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Deployed(DmnDecision decision, String version) {}

    DmnEngine engine() {
        return dmn;
    }
}
