package org.coordinatedcare.form;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads what a clinician submitted in a Camunda Form, checking each value and naming the field when it is wrong.
 * Tasklist submits text as strings, checkboxes as booleans, numbers as numbers, dates as "YYYY-MM-DD" and checklists
 * as JSON arrays; the Java API may pass the same values in their Java types, so both are accepted.
 */
public final class FormInput {

    private final VariableScope scope;

    private FormInput(VariableScope scope) {
        this.scope = scope;
    }

    public static FormInput of(VariableScope scope) {
        return new FormInput(scope);
    }

    public String requiredText(String key, String label, int maxLength) {
        return optionalText(key, label, maxLength)
                .orElseThrow(() -> new FormInputException(key, "Please enter " + label + "."));
    }

    public Optional<String> optionalText(String key, String label, int maxLength) {
        Object value = scope.getVariable(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new FormInputException(key, label + " must be text.");
        }
        String trimmed = text.strip();
        if (trimmed.length() > maxLength) {
            throw new FormInputException(key, label + " is too long: at most " + maxLength + " characters.");
        }
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /** One of a fixed set of values, as offered by a radio group or select. */
    public String requiredChoice(String key, String label, Set<String> allowed) {
        Object value = scope.getVariable(key);
        if (value == null || value.toString().isBlank()) {
            throw new FormInputException(key, "Please choose " + label + ".");
        }
        String choice = value.toString();
        if (!allowed.contains(choice)) {
            throw new FormInputException(key, "'" + choice + "' is not a valid choice for " + label + ".");
        }
        return choice;
    }

    /** An unticked checkbox may not be submitted at all; it means no. */
    public boolean flag(String key, String label) {
        Object value = scope.getVariable(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new FormInputException(key, label + " must be yes or no.");
    }

    public int requiredNumber(String key, String label, int min, int max) {
        Object value = scope.getVariable(key);
        if (value == null) {
            throw new FormInputException(key, "Please enter " + label + ".");
        }
        long number;
        if (value instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new FormInputException(key, label + " must be a whole number.");
            }
            number = n.longValue();
        } else {
            try {
                number = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                throw new FormInputException(key, label + " must be a whole number.");
            }
        }
        if (number < min || number > max) {
            throw new FormInputException(key, label + " must be between " + min + " and " + max + ".");
        }
        return (int) number;
    }

    public LocalDate requiredDate(String key, String label) {
        return optionalDate(key, label).orElseThrow(() -> new FormInputException(key, "Please enter " + label + "."));
    }

    public Optional<LocalDate> optionalDate(String key, String label) {
        Object value = scope.getVariable(key);
        if (value == null || (value instanceof String s && s.isBlank())) {
            return Optional.empty();
        }
        if (value instanceof LocalDate date) {
            return Optional.of(date);
        }
        if (value instanceof Date date) {
            return Optional.of(date.toInstant().atZone(ZoneId.systemDefault()).toLocalDate());
        }
        try {
            String text = value.toString().strip();
            // Tasklist sends "YYYY-MM-DD"; a datetime sent by another client keeps only its date part.
            return Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (DateTimeParseException e) {
            throw new FormInputException(key, label + " must be a date (YYYY-MM-DD).");
        }
    }

    /** The ticked values of a checklist, each of them one of {@code allowed}. */
    public List<String> choices(String key, String label, Set<String> allowed) {
        Object value = scope.getVariable(key);
        List<String> values = new ArrayList<>();
        if (value == null) {
            return values;
        } else if (value instanceof SpinJsonNode json && json.isArray()) {
            json.elements()
                    .forEach(element -> values.add(element.isString() ? element.stringValue() : element.toString()));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(element -> values.add(String.valueOf(element)));
        } else if (value instanceof String text) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        } else {
            throw new FormInputException(key, label + " must be a list of choices.");
        }
        for (String choice : values) {
            if (!allowed.contains(choice)) {
                throw new FormInputException(key, "'" + choice + "' is not a valid choice for " + label + ".");
            }
        }
        return values.stream().distinct().toList();
    }

    /**
     * Removes answers from the process variables once they are in our tables: the engine keeps ids and flags, the
     * clinical record stays in one place. An answer submitted with the task's form was never written
     * ({@link TransientFormAnswers}); forgetting it also removes the value it replaced, such as a suggestion a create
     * listener set for the form to show.
     */
    public void forget(String... keys) {
        for (String key : keys) {
            boolean answer = scope instanceof DelegateTask task && TransientFormAnswers.isAnswer(task, key);
            scope.removeVariable(key);
            if (answer) {
                ((DelegateTask) scope).getExecution().removeVariable(key);
            }
        }
    }

    /**
     * Keeps an answer, as read and normalised here, as a process variable because the flow routes on it (a gateway
     * or decision after the task). Use this, not {@code task.setVariable}, for a form field: while the task completes
     * the submitted answer is a transient task variable, and the engine refuses to overwrite it with a stored value.
     */
    public void keep(String key, Object value) {
        if (scope instanceof DelegateTask task && task.getExecution() != null) {
            if (TransientFormAnswers.isAnswer(task, key)) {
                task.removeVariableLocal(key);
            }
            task.getExecution().setVariable(key, value);
        } else {
            scope.setVariable(key, value);
        }
    }
}
