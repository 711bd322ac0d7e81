package org.coordinatedcare.audit;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface AuditEventRepository extends ListCrudRepository<AuditEvent, Long> {

    @Query("""
            select a.* from audit_event a join episode e on e.id = a.episode_id
            where e.patient_id = :patientId order by a.occurred_at, a.id""")
    List<AuditEvent> findByPatientId(Long patientId);

    /** The latest changes to one episode, newest first: the short timeline of a patient's story. */
    List<AuditEvent> findTop20ByEpisodeIdOrderByOccurredAtDescIdDesc(Long episodeId);
}
