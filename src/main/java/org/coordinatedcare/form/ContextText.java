package org.coordinatedcare.form;

import java.util.ArrayList;
import java.util.List;

/**
 * Composes a form's context: Markdown of our own, and text a clinician typed, made literal. The whole fits one engine
 * String variable ({@value #MAX_LENGTH} characters, a single row with no byte array): when the typed texts are longer,
 * the longest are shortened, visibly, and the full text stays in the record.
 */
public final class ContextText {

    /** The engine keeps a String variable of up to 4,000 characters in its row; a little is left for safety. */
    public static final int MAX_LENGTH = 3900;

    static final String SHORTENED = " … _(shortened: the full text is in the record)_";

    private final List<Object> parts = new ArrayList<>();

    /** Markdown of our own: labels, headings, list markers. */
    public ContextText markdown(String markdown) {
        parts.add(markdown);
        return this;
    }

    /** Text a clinician typed; null shows nothing. */
    public ContextText typed(String text) {
        parts.add(new Typed(text == null ? "" : text));
        return this;
    }

    private record Typed(String text) {}

    public String build() {
        int ours = 0;
        List<Typed> typed = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Typed t) {
                typed.add(t);
            } else {
                ours += ((String) part).length();
            }
        }
        int[] allowed = shares(typed, MAX_LENGTH - ours);
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (Object part : parts) {
            out.append(part instanceof Typed t ? literal(t.text(), allowed[next++]) : (String) part);
        }
        return out.toString();
    }

    /** Each typed text's share of the budget: the short ones whole, the rest of it split evenly among the long ones. */
    private static int[] shares(List<Typed> typed, int budget) {
        int[] lengths = typed.stream().mapToInt(t -> literal(t.text()).length()).toArray();
        int[] allowed = lengths.clone();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            open.add(i);
        }
        int left = Math.max(0, budget);
        boolean settled = false;
        while (!settled && !open.isEmpty()) {
            settled = true;
            int share = left / open.size();
            for (Integer i : List.copyOf(open)) {
                if (lengths[i] <= share) { // fits whole: what it leaves over goes to the others
                    left -= lengths[i];
                    open.remove(i);
                    settled = false;
                }
            }
            if (settled) {
                for (Integer i : open) {
                    allowed[i] = share;
                }
            }
        }
        return allowed;
    }

    /** The text made literal, shortened to at most {@code max} characters if it is longer. */
    static String literal(String text, int max) {
        String whole = literal(text);
        if (whole.length() <= max) {
            return whole;
        }
        int room = Math.max(0, max - SHORTENED.length());
        int cut = text.length();
        String shortened = whole;
        while (shortened.length() > room && cut > 0) {
            cut = Math.max(0, cut - Math.max(1, (shortened.length() - room) / 2));
            shortened = literal(text.substring(0, cut)).stripTrailing();
        }
        return shortened + SHORTENED;
    }

    /**
     * Text a clinician typed, made literal for a form-js Text view, which renders its template's values as Markdown
     * (and the HTML it allows): every ASCII punctuation mark is escaped with a backslash, which Markdown shows as the
     * character itself, and leading spaces, which would start a code block, go.
     */
    public static String literal(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (c == '\n') {
                out.append('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && Character.isWhitespace(c)) {
                continue;
            }
            lineStart = false;
            if (c < 0x20 || c == 0x7f) {
                out.append(' ');
            } else if (c < 0x80 && !Character.isLetterOrDigit(c) && c != ' ') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
