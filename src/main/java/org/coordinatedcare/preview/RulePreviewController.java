package org.coordinatedcare.preview;

import org.coordinatedcare.casefinding.CaseFindingPreview;
import org.coordinatedcare.casefinding.Eligibility;
import org.coordinatedcare.security.EngineActor;
import org.coordinatedcare.security.ProcessChangeAccess;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Previews of a changed decision table before it is deployed, for process owners and administrators (ADR 0029). Each
 * takes the table as the multipart part {@code dmn} or as an XML body:
 * <ul>
 * <li>{@code POST /api/case-finding/preview}: a changed {@code case-finding-eligibility.dmn}; who would enter and who
 * would leave each practice's list, with the reasons of both versions;</li>
 * <li>{@code POST /api/pathway-rules/preview/coordinator-trigger}: how many running pathways would get a coordinator;</li>
 * <li>{@code POST /api/pathway-rules/preview/mdt-review-interval}: how each waiting MDT review date would move.</li>
 * </ul>
 * Nothing is written and no pathway starts; engine reads run as the system after the role check.
 */
@RestController
public class RulePreviewController {

    private static final String XML = "application/xml";
    private static final String TEXT_XML = "text/xml";

    private final UploadedDecision uploads;
    private final CaseFindingPreview caseFinding;
    private final PathwayRulePreview pathwayRules;
    private final ProcessChangeAccess access;
    private final EngineActor engine;

    public RulePreviewController(
            UploadedDecision uploads,
            CaseFindingPreview caseFinding,
            PathwayRulePreview pathwayRules,
            ProcessChangeAccess access,
            EngineActor engine) {
        this.uploads = uploads;
        this.caseFinding = caseFinding;
        this.pathwayRules = pathwayRules;
        this.access = access;
        this.engine = engine;
    }

    @PostMapping(path = "/api/case-finding/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    CaseFindingPreview.Preview caseFinding(@RequestPart(name = "dmn", required = false) MultipartFile dmn) {
        return caseFinding(dmn, null);
    }

    @PostMapping(
            path = "/api/case-finding/preview",
            consumes = {XML, TEXT_XML})
    CaseFindingPreview.Preview caseFindingXml(@RequestBody(required = false) byte[] body) {
        return caseFinding(null, body);
    }

    @PostMapping(
            path = "/api/pathway-rules/preview/coordinator-trigger",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PathwayRulePreview.TriggerPreview trigger(@RequestPart(name = "dmn", required = false) MultipartFile dmn) {
        return trigger(dmn, null);
    }

    @PostMapping(
            path = "/api/pathway-rules/preview/coordinator-trigger",
            consumes = {XML, TEXT_XML})
    PathwayRulePreview.TriggerPreview triggerXml(@RequestBody(required = false) byte[] body) {
        return trigger(null, body);
    }

    @PostMapping(
            path = "/api/pathway-rules/preview/mdt-review-interval",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PathwayRulePreview.IntervalPreview interval(@RequestPart(name = "dmn", required = false) MultipartFile dmn) {
        return interval(dmn, null);
    }

    @PostMapping(
            path = "/api/pathway-rules/preview/mdt-review-interval",
            consumes = {XML, TEXT_XML})
    PathwayRulePreview.IntervalPreview intervalXml(@RequestBody(required = false) byte[] body) {
        return interval(null, body);
    }

    private CaseFindingPreview.Preview caseFinding(MultipartFile dmn, byte[] body) {
        access.check("preview a changed eligibility table");
        byte[] xml = uploads.read(dmn, body, Eligibility.DECISION_KEY);
        return engine.asSystem(() -> caseFinding.preview(xml));
    }

    private PathwayRulePreview.TriggerPreview trigger(MultipartFile dmn, byte[] body) {
        access.check("preview a changed coordinator trigger table");
        byte[] xml = uploads.read(dmn, body, PathwayRulePreview.COORDINATOR_TRIGGER);
        return engine.asSystem(() -> pathwayRules.coordinatorTrigger(xml));
    }

    private PathwayRulePreview.IntervalPreview interval(MultipartFile dmn, byte[] body) {
        access.check("preview a changed MDT review interval table");
        byte[] xml = uploads.read(dmn, body, PathwayRulePreview.MDT_REVIEW_INTERVAL);
        return engine.asSystem(() -> pathwayRules.mdtReviewInterval(xml));
    }
}
