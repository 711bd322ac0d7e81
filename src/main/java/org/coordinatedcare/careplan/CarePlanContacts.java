package org.coordinatedcare.careplan;

import java.util.Optional;

import org.coordinatedcare.coordination.CoordinatorAssignment;
import org.coordinatedcare.coordination.CoordinatorAssignmentRepository;
import org.coordinatedcare.coordination.NamedProfessionalAssignment;
import org.coordinatedcare.coordination.NamedProfessionalAssignmentRepository;
import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.springframework.stereotype.Component;

/** Who the person contacts about their plan, as it stands when the plan is shared: "Who to contact" in the plan. */
@Component
class CarePlanContacts {

    /** Display names; the coordinator is empty until one is appointed. */
    record Contacts(Optional<String> namedProfessional, Optional<String> careCoordinator) {}

    private final NamedProfessionalAssignmentRepository namedProfessionals;
    private final CoordinatorAssignmentRepository coordinators;
    private final ProfessionalRepository professionals;

    CarePlanContacts(
            NamedProfessionalAssignmentRepository namedProfessionals,
            CoordinatorAssignmentRepository coordinators,
            ProfessionalRepository professionals) {
        this.namedProfessionals = namedProfessionals;
        this.coordinators = coordinators;
        this.professionals = professionals;
    }

    Contacts of(long episodeId) {
        return new Contacts(
                namedProfessionals
                        .findByEpisodeIdAndEndedAtIsNull(episodeId)
                        .map(NamedProfessionalAssignment::professionalId)
                        .flatMap(this::name),
                coordinators
                        .findByEpisodeIdAndEndedAtIsNull(episodeId)
                        .map(CoordinatorAssignment::professionalId)
                        .flatMap(this::name));
    }

    private Optional<String> name(Long professionalId) {
        return professionals.findById(professionalId).map(Professional::displayName);
    }
}
