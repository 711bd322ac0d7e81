package org.coordinatedcare.audit;

import java.time.Instant;

import org.springframework.stereotype.Service;

/**
 * Records who changed a pathway. Called by the recorders in the transaction that makes the change, so an audit row
 * exists exactly when the change does.
 */
@Service
public class AuditTrail {

    private final AuditEventRepository events;

    public AuditTrail(AuditEventRepository events) {
        this.events = events;
    }

    public void record(long episodeId, String actor, AuditAction action, String details) {
        events.save(new AuditEvent(
                null,
                episodeId,
                Instant.now(),
                actor,
                action,
                details == null || details.length() <= 1000 ? details : details.substring(0, 1000)));
    }
}
