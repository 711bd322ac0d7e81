package org.coordinatedcare.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.coordinatedcare.episode.PathwayEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the pathway of each patient with an active episode that a hospital event arrived (message
 * {@code HospitalEventReported}, correlated by the episode's process instance, so pathways started under either business
 * key, row id or FHIR id, take it: ADR 0019), after the encounters have committed. {@code correlateAll}
 * does nothing when the pathway is not waiting for it; the next MDT review reads the encounter table anyway. The
 * correlation runs as the system, not as the importing user, and a failure is logged, never undoing the import.
 */
@Component
class HospitalEvents {

    private static final Logger log = LoggerFactory.getLogger(HospitalEvents.class);
    private static final int CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final IdentityService identity;

    HospitalEvents(NamedParameterJdbcTemplate jdbc, RuntimeService runtime, IdentityService identity) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.identity = identity;
    }

    /** Returns how many pathways took the message. */
    int report(Collection<Long> patientIds) {
        if (patientIds.isEmpty()) {
            return 0;
        }
        List<Long> ids = new ArrayList<>(patientIds);
        List<String> onPathway = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            onPathway.addAll(jdbc.queryForList(
                    "select process_instance_id from episode where active_patient_id in (:ids)"
                            + " and process_instance_id is not null",
                    Map.of("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))),
                    String.class));
        }
        if (onPathway.isEmpty()) {
            return 0;
        }
        Authentication user = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        int reported = 0;
        try {
            for (String processInstanceId : onPathway) {
                try {
                    reported += runtime.createMessageCorrelation(PathwayEvent.HOSPITAL_EVENT_REPORTED.message())
                            .processInstanceId(processInstanceId)
                            .correlateAllWithResult()
                            .size();
                } catch (RuntimeException e) {
                    log.warn("Could not report a hospital event to pathway {}", processInstanceId, e);
                }
            }
        } finally {
            if (user != null) {
                identity.setAuthentication(user);
            }
        }
        return reported;
    }
}
