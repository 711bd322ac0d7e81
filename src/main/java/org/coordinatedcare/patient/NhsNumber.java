package org.coordinatedcare.patient;

/**
 * The NHS number's Modulus 11 check: weights 10 down to 2 on the first nine digits; 11 minus the remainder is the
 * check digit, 11 becomes 0 and 10 means the number is invalid.
 */
public final class NhsNumber {

    private NhsNumber() {}

    public static boolean isValid(String candidate) {
        if (candidate == null) {
            return false;
        }
        String digits = candidate.replace(" ", "");
        if (!digits.matches("\\d{10}")) {
            return false;
        }
        return checkDigit(digits.substring(0, 9)) == digits.charAt(9) - '0';
    }

    /** The check digit for the first nine digits, or -1 when no number can start with them (remainder gives 10). */
    public static int checkDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }

    /** Ten digits without spaces, or an exception naming the problem. */
    public static String normalise(String candidate) {
        String digits = candidate == null ? "" : candidate.replace(" ", "");
        if (!isValid(digits)) {
            throw new IllegalArgumentException(
                    "'" + candidate + "' is not a valid NHS number (10 digits with a Modulus 11 check digit)");
        }
        return digits;
    }
}
