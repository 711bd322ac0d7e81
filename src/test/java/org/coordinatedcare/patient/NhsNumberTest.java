package org.coordinatedcare.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "943 476 5919", "4010232137", "9990000018"})
    void acceptsNumbersWithTheRightCheckDigit(String number) {
        assertThat(NhsNumber.isValid(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9434765918", "943476591", "94347659190", "943476591X", "", "1000000010"})
    void rejectsWrongCheckDigitsLengthsAndCharacters(String number) {
        assertThat(NhsNumber.isValid(number)).isFalse();
    }

    @Test
    void aPatientWithAnInvalidNumberCannotBeRegistered() {
        assertThatThrownBy(
                        () -> Patient.register("9434765918", "Ada", "Lovelace", java.time.LocalDate.of(1950, 1, 1), 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid NHS number");
    }
}
