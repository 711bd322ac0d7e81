package org.coordinatedcare.sharedrecord;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.coordinatedcare.team.Professional;
import org.coordinatedcare.team.ProfessionalRepository;
import org.hl7.fhir.r4.model.Reference;

/** Team members named in one answer, each looked up once; a login we do not know is shown as it was recorded. */
final class Team {

    private final ProfessionalRepository professionals;
    private final Map<Long, Optional<Professional>> byId = new ConcurrentHashMap<>();
    private final Map<String, Optional<Professional>> byLogin = new ConcurrentHashMap<>();

    Team(ProfessionalRepository professionals) {
        this.professionals = professionals;
    }

    Optional<Professional> byId(Long id) {
        return byId.computeIfAbsent(id, professionals::findById);
    }

    Reference member(Long professionalId) {
        return byId(professionalId)
                .map(References::professional)
                .orElseGet(() -> new Reference().setType("Practitioner").setDisplay("Former team member"));
    }

    Reference byLogin(String login) {
        if (login == null) {
            return null;
        }
        return byLogin.computeIfAbsent(login, professionals::findByLoginId)
                .map(References::professional)
                .orElseGet(() -> new Reference().setDisplay(login));
    }
}
