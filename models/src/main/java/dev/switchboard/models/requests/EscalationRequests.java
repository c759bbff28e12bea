package dev.switchboard.models.requests;

/**
 * Finds explicit escalation requests in a customer message: asking for a manager or a human, to
 * cancel, to complain formally, or threatening legal action. Rules, not a model: these phrases are
 * few, their meaning is not a matter of tone, and a supervisor needs the exact reason.
 *
 * <p>"Manager" and "supervisor" count only after a request word in the same clause ("speak to your
 * manager", "I want a supervisor", "get me your manager"), so "the manager at the store said ..."
 * is not a request. Negation is handled within the clause: "no need for a manager", "I don't want
 * to cancel", "never mind the supervisor" are not requests. A negator counts when it comes at most
 * {@value #NEGATION_WINDOW} words before the trigger, with no clause boundary ({@code . , ; ! ?} or
 * "but") between. When a message holds several requests the strongest wins, in the order legal,
 * manager, complaint, cancel.
 *
 * <p>Thread-safe; allocates nothing per call: words are compared in place, case-insensitively.
 */
public final class EscalationRequests {
    static final int NEGATION_WINDOW = 4;

    private EscalationRequests() {}

    public static EscalationRequest detect(CharSequence text) {
        EscalationRequest strongest = EscalationRequest.NONE;
        int wordsSinceNegator = Integer.MAX_VALUE;
        int wordsSinceCue = Integer.MAX_VALUE;
        int wordsSinceLegalCue = Integer.MAX_VALUE;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.' || c == ',' || c == ';' || c == '!' || c == '?') {
                wordsSinceNegator = Integer.MAX_VALUE;
                wordsSinceCue = Integer.MAX_VALUE;
                wordsSinceLegalCue = Integer.MAX_VALUE;
                i++;
                continue;
            }
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetter(text.charAt(i)) || isApostrophe(text.charAt(i)))) {
                i++;
            }
            Word word = new Word(text, start, i);
            if (word.is("but")) {
                wordsSinceNegator = Integer.MAX_VALUE;
                wordsSinceCue = Integer.MAX_VALUE;
                wordsSinceLegalCue = Integer.MAX_VALUE;
                continue;
            }
            if (wordsSinceCue != Integer.MAX_VALUE) {
                wordsSinceCue++;
            }
            if (wordsSinceLegalCue != Integer.MAX_VALUE) {
                wordsSinceLegalCue++;
            }
            if (word.in(RequestWords.REQUEST_CUES)) {
                wordsSinceCue = 0;
            }
            if (word.in(RequestWords.LEGAL_CUES)) {
                wordsSinceLegalCue = 0;
            }
            if (word.in(RequestWords.NEGATORS)) {
                wordsSinceNegator = 0;
                continue;
            }
            if (wordsSinceNegator != Integer.MAX_VALUE) {
                wordsSinceNegator++;
            }
            EscalationRequest request =
                    word.lookUp(RequestWords.TRIGGER_WORDS, RequestWords.TRIGGER_KINDS);
            if (request == EscalationRequest.MANAGER
                    && word.is("human")
                    && !asksForAPerson(text, start)) {
                request = null;
            }
            if ((word.is("manager") || word.is("supervisor")) && wordsSinceCue > NEGATION_WINDOW) {
                request = null;
            }
            if ((word.is("lawyer") || word.is("lawyers") || word.is("attorney") || word.is("legal"))
                    && wordsSinceLegalCue > NEGATION_WINDOW) {
                request = null;
            }
            if (request != null
                    && wordsSinceNegator > NEGATION_WINDOW
                    && request.ordinal() > 0
                    && stronger(request, strongest)) {
                strongest = request;
            }
        }
        return strongest;
    }

    /** "a human", "real human", "human being", "human agent": not "human error". */
    private static boolean asksForAPerson(CharSequence text, int start) {
        String s = text.toString();
        return endsWithIgnoreCase(s, start, "a ")
                || endsWithIgnoreCase(s, start, "real ")
                || s.regionMatches(true, start + 5, " being", 0, 6)
                || s.regionMatches(true, start + 5, " agent", 0, 6);
    }

    private static boolean endsWithIgnoreCase(String s, int end, String suffix) {
        return end >= suffix.length()
                && s.regionMatches(true, end - suffix.length(), suffix, 0, suffix.length());
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    /** A word of the text, compared in place: case-insensitive, with ’ read as '. */
    private record Word(CharSequence text, int start, int end) {
        boolean is(String lowerCase) {
            if (end - start != lowerCase.length()) {
                return false;
            }
            for (int k = 0; k < lowerCase.length(); k++) {
                char c = text.charAt(start + k);
                char folded = c == '\u2019' ? '\'' : Character.toLowerCase(c);
                if (folded != lowerCase.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        boolean in(String[] words) {
            for (String w : words) {
                if (is(w)) {
                    return true;
                }
            }
            return false;
        }

        EscalationRequest lookUp(String[] words, EscalationRequest[] kinds) {
            for (int k = 0; k < words.length; k++) {
                if (is(words[k])) {
                    return kinds[k];
                }
            }
            return null;
        }
    }

    private static final EscalationRequest[] STRENGTH = {
        EscalationRequest.NONE,
        EscalationRequest.CANCEL,
        EscalationRequest.COMPLAINT,
        EscalationRequest.MANAGER,
        EscalationRequest.LEGAL
    };

    private static boolean stronger(EscalationRequest a, EscalationRequest b) {
        return rank(a) > rank(b);
    }

    private static int rank(EscalationRequest r) {
        for (int k = 0; k < STRENGTH.length; k++) {
            if (STRENGTH[k] == r) {
                return k;
            }
        }
        return 0;
    }
}
