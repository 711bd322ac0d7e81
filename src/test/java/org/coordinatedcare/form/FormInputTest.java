package org.coordinatedcare.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/**
 * The form-answer toolkit every complete listener uses: what Tasklist and the Java API submit, read and checked, and
 * the field named when it is wrong.
 */
class FormInputTest {

    private final Map<String, Object> answers = new HashMap<>();

    private FormInput input() {
        VariableScope scope = mock(VariableScope.class);
        when(scope.getVariable(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(call -> answers.get(call.<String>getArgument(0)));
        return FormInput.of(scope);
    }

    private void refusedNaming(String field, String message, Runnable read) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(
                        FormInputException.class,
                        refused -> assertThat(refused.getField()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void textIsTrimmedAndBlankTextIsNoAnswer() {
        answers.put("note", "  Lives alone  ");
        answers.put("blank", "   ");
        assertThat(input().requiredText("note", "the note", 20)).isEqualTo("Lives alone");
        assertThat(input().optionalText("blank", "the note", 20)).isEmpty();
        refusedNaming("blank", "Please enter the note", () -> input().requiredText("blank", "the note", 20));
    }

    @Test
    void textOverItsLimitOrOfAnotherTypeIsRefused() {
        answers.put("note", "x".repeat(21));
        answers.put("number", 5);
        refusedNaming("note", "at most 20 characters", () -> input().requiredText("note", "the note", 20));
        refusedNaming("number", "must be text", () -> input().optionalText("number", "the note", 20));
    }

    @Test
    void aChoiceMustBeOneOfThoseOffered() {
        answers.put("trend", "rising");
        assertThat(input().requiredChoice("trend", "the trend", Set.of("rising", "stable")))
                .isEqualTo("rising");
        answers.put("trend", "exploding");
        refusedNaming(
                "trend",
                "'exploding' is not a valid choice",
                () -> input().requiredChoice("trend", "the trend", Set.of("rising")));
        answers.remove("trend");
        refusedNaming(
                "trend",
                "Please choose the trend",
                () -> input().requiredChoice("trend", "the trend", Set.of("rising")));
    }

    @Test
    void anUntickedCheckboxMeansNoAndOnlyYesOrNoIsAFlag() {
        assertThat(input().flag("agreed", "Agreed")).isFalse();
        answers.put("agreed", "TRUE");
        assertThat(input().flag("agreed", "Agreed")).isTrue();
        answers.put("agreed", "perhaps");
        refusedNaming("agreed", "must be yes or no", () -> input().flag("agreed", "Agreed"));
    }

    @Test
    void numbersAreWholeAndWithinTheirLimits() {
        answers.put("agencies", 3.0);
        assertThat(input().requiredNumber("agencies", "the agencies", 1, 50)).isEqualTo(3);
        answers.put("agencies", " 4 ");
        assertThat(input().requiredNumber("agencies", "the agencies", 1, 50)).isEqualTo(4);
        answers.put("agencies", 2.5);
        refusedNaming("agencies", "whole number", () -> input().requiredNumber("agencies", "the agencies", 1, 50));
        answers.put("agencies", 0);
        refusedNaming("agencies", "between 1 and 50", () -> input().requiredNumber("agencies", "the agencies", 1, 50));
        answers.put("agencies", "many");
        refusedNaming("agencies", "whole number", () -> input().requiredNumber("agencies", "the agencies", 1, 50));
    }

    @Test
    void datesComeAsTasklistSendsThemOrAsJavaDates() {
        answers.put("due", "2027-01-31");
        assertThat(input().requiredDate("due", "the date")).isEqualTo(LocalDate.of(2027, 1, 31));
        answers.put("due", "2027-01-31T10:00:00.000+0000");
        assertThat(input().requiredDate("due", "the date")).isEqualTo(LocalDate.of(2027, 1, 31));
        answers.put("due", LocalDate.of(2027, 2, 1));
        assertThat(input().requiredDate("due", "the date")).isEqualTo(LocalDate.of(2027, 2, 1));
        answers.put("due", new Date());
        assertThat(input().requiredDate("due", "the date")).isEqualTo(LocalDate.now());
        answers.put("due", "next week");
        refusedNaming("due", "must be a date", () -> input().requiredDate("due", "the date"));
    }

    @Test
    void aChecklistIsTheDistinctTickedValuesEachOneOffered() {
        answers.put("shared", List.of("GP", "HOSPITAL", "GP"));
        assertThat(input().choices("shared", "who it is shared with", Set.of("GP", "HOSPITAL")))
                .containsExactly("GP", "HOSPITAL");
        answers.put("shared", "GP, HOSPITAL");
        assertThat(input().choices("shared", "who it is shared with", Set.of("GP", "HOSPITAL")))
                .containsExactly("GP", "HOSPITAL");
        answers.put("shared", List.of("NEIGHBOUR"));
        refusedNaming(
                "shared",
                "'NEIGHBOUR' is not a valid choice",
                () -> input().choices("shared", "who it is shared with", Set.of("GP")));
        answers.put("shared", 7);
        refusedNaming(
                "shared",
                "must be a list of choices",
                () -> input().choices("shared", "who it is shared with", Set.of("GP")));
    }
}
