package org.coordinatedcare.deployment;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Parse;
import org.camunda.bpm.engine.impl.util.xml.Parser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Refuses a new deployment that could run code of its own or reach the engine's services (ADR 0016): script tasks and
 * scripts, Java classes named in a diagram, embedded or external forms, expressions that reach beyond process
 * variables, {@code dateTime()} and this project's pathway beans, decisions not written in FEEL, and CMMN. It runs as
 * the engine's first deployer, before the engine parses anything or schedules a timer start event (which evaluates its
 * expression at deployment), inside the deployment's transaction: a refused deployment leaves nothing behind.
 * Deployments already in the database are not looked at again when the engine reloads them.
 */
@Component
public class DeploymentGuard extends AbstractProcessEnginePlugin {

    private final DiagramRules diagrams;
    private final DecisionRules decisions = new DecisionRules();

    @Autowired
    public DeploymentGuard(ApplicationContext context) {
        this(new SpringBeans(context));
    }

    /** With the beans expressions may name given; for an engine outside Spring. */
    public DeploymentGuard(Beans beans) {
        this.diagrams = new DiagramRules(new ExpressionAllowList(beans));
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(0, this::inspect);
        configuration.setCustomPreDeployers(deployers);
    }

    /** A decision without an expressionLanguage uses the engine's default, which must then be FEEL too. */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
        if (dmn == null) {
            return;
        }
        for (String language : List.of(
                dmn.getDefaultInputExpressionExpressionLanguage(),
                dmn.getDefaultInputEntryExpressionLanguage(),
                dmn.getDefaultOutputEntryExpressionLanguage(),
                dmn.getDefaultLiteralExpressionLanguage())) {
            if (!DecisionRules.isFeel(language)) {
                throw new IllegalStateException("The DMN engine's default expression language is " + language
                        + "; decisions must default to FEEL (ADR 0016)");
            }
        }
    }

    void inspect(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return; // reloading a deployment the engine already holds, after a restart or on another node
        }
        Map<String, List<Problem>> refused = new LinkedHashMap<>();
        for (Map.Entry<String, ResourceEntity> resource : new TreeMap<>(deployment.getResources()).entrySet()) {
            List<Problem> problems =
                    inspect(resource.getKey(), resource.getValue().getBytes());
            if (!problems.isEmpty()) {
                refused.put(resource.getKey(), problems);
            }
        }
        if (!refused.isEmpty()) {
            throw new RefusedDeployment(refused);
        }
    }

    /**
     * What this guard would refuse in one resource, as messages with their line: for an upload that is not deployed
     * (a decision table previewed before it goes live), checked as a deployment would be.
     */
    public List<String> refusals(String name, byte[] bytes) {
        return inspect(name, bytes).stream()
                .map(problem -> problem.getLine() > 0
                        ? problem.getMessage() + " (line " + problem.getLine() + ")"
                        : problem.getMessage())
                .toList();
    }

    /** The problems of one resource; forms and other files are not parsed by the engine's deployers here. */
    List<Problem> inspect(String name, byte[] bytes) {
        String lower = name.toLowerCase(Locale.ROOT);
        Findings findings = new Findings();
        if (lower.endsWith(".cmmn") || lower.endsWith(".cmmn10.xml") || lower.endsWith(".cmmn11.xml")) {
            findings.refuse("CMMN is not used here, and a case definition's listeners and expressions are not "
                    + "checked: " + name + " is refused");
        } else if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
            read(name, bytes, findings).ifPresent(root -> diagrams.inspect(root, findings));
        } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
            read(name, bytes, findings).ifPresent(root -> decisions.inspect(root, findings));
        }
        return findings.problems();
    }

    private static Optional<Element> read(String name, byte[] bytes, Findings findings) {
        try {
            Parse parse = XML.createParse()
                    .name(name)
                    .sourceInputStream(new ByteArrayInputStream(bytes))
                    .execute();
            return Optional.ofNullable(parse.getRootElement());
        } catch (RuntimeException e) {
            findings.refuse(name + " could not be read as XML: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The engine's XML reader (elements with line numbers, entities and DTDs refused as the engine refuses them), with
     * its own namespace-aware factory: the engine's shared factory is namespace-aware only while schema validation is on.
     */
    private static final Parser XML = new Parser() {
        @Override
        public Parse createParse() {
            return new Parse(this) {};
        }

        @Override
        protected SAXParser getSaxParser() throws Exception {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            setXxeProcessing(factory);
            return factory.newSAXParser();
        }
    };
}
