package org.coordinatedcare.document;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface PatientDocumentRepository extends ListCrudRepository<PatientDocument, Long> {

    List<PatientDocument> findByPatientIdOrderByCreatedAt(Long patientId);

    List<PatientDocument> findByEpisodeIdAndKindOrderByCreatedAt(Long episodeId, DocumentKind kind);
}
