package org.coordinatedcare.referral;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Pre-ticks the referrals that {@code self-management-referral.dmn} suggested as the checklist value
 * {@code referralTypes}; the named professional confirms, adds or removes them with the person. It is a process
 * variable, not a task-local one, because the Java and REST "complete" calls write submitted values to the process:
 * a local copy would hide what the clinician confirmed. {@link ReferralProposer} removes it once recorded.
 */
@Component("referralSuggestions")
public class ReferralSuggestions implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Set<String> suggested = new LinkedHashSet<>();
        Object result = task.getVariable("suggestedReferrals");
        if (result instanceof Collection<?> values) {
            values.forEach(value -> suggested.add(String.valueOf(value)));
        } else if (result instanceof SpinJsonNode json && json.isArray()) {
            json.elements().forEach(element -> suggested.add(element.stringValue()));
        }
        SpinJsonNode array = Spin.JSON("[]");
        new ArrayList<>(suggested).forEach(array::append);
        task.setVariable("referralTypes", SpinValues.jsonValue(array).create());
    }
}
