package org.coordinatedcare.team;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A practice's team as the forms see it: who may be chosen for a role, offered as a Camunda Form select. */
@Service
public class PracticeTeam {

    private final PracticeRepository practices;
    private final ProfessionalRepository professionals;
    private final ObjectMapper json;

    public PracticeTeam(PracticeRepository practices, ProfessionalRepository professionals, ObjectMapper json) {
        this.practices = practices;
        this.professionals = professionals;
        this.json = json;
    }

    public Practice practice(String odsCode) {
        return practices
                .findByOdsCode(odsCode)
                .orElseThrow(() -> new ProcessEngineException("No practice with ODS code " + odsCode));
    }

    /** Members of the practice in the given roles who can log in (and so can be given tasks). */
    public List<Professional> members(String practiceCode, Collection<ProfessionalRole> roles) {
        return professionals
                .findByPracticeIdAndRoleInOrderByFamilyName(
                        practice(practiceCode).id(), roles)
                .stream()
                .filter(p -> p.loginId() != null)
                .toList();
    }

    /** The chosen member, checked to belong to this practice and one of the roles; otherwise the form is refused. */
    public Professional member(
            String practiceCode, String loginId, Collection<ProfessionalRole> roles, String field, String label) {
        return members(practiceCode, roles).stream()
                .filter(p -> p.loginId().equals(loginId))
                .findFirst()
                .orElseThrow(() -> new FormInputException(
                        field, "'" + loginId + "' is not " + label + " at practice " + practiceCode + "."));
    }

    /** A select's options: a JSON array of {label, value}, the value being the Camunda user id. */
    public JsonValue options(List<Professional> members) {
        return options(members, p -> p.role().label());
    }

    /**
     * The same, each label saying more in its brackets, e.g. "Amina Yusuf (Care coordinator, 7 patients)" for
     * {@code p -> p.role().label() + ", 7 patients"}.
     */
    public JsonValue options(List<Professional> members, Function<Professional, String> detail) {
        List<Map<String, String>> options = members.stream()
                .map(p -> Map.of("label", p.displayName() + " (" + detail.apply(p) + ")", "value", p.loginId()))
                .toList();
        try {
            return SpinValues.jsonValue(json.writeValueAsString(options)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
