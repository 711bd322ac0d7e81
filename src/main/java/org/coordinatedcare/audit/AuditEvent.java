package org.coordinatedcare.audit;

import java.time.Instant;

import org.springframework.data.annotation.Id;

public record AuditEvent(
        @Id Long id, Long episodeId, Instant occurredAt, String actor, AuditAction action, String details) {}
