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
 * <p>The same rules read Spanish, French, German, Italian and Portuguese, each with its own words
 * ({@link RequestWords}): "quiero hablar con un supervisor" is a request, "no hace falta un
 * supervisor" is not.
 *
 * <p>Thread-safe; allocates nothing per call: each word is looked up in place, case-insensitively
 * ({@link RequestWords#rolesOf}).
 */
public final class EscalationRequests {
    static final int NEGATION_WINDOW = 4;

    private EscalationRequests() {}

    /** The requests in an English message. */
    public static EscalationRequest detect(CharSequence text) {
        return detect(text, RequestWords.ENGLISH);
    }

    /**
     * The requests in a message in {@code language} (a BCP-47 tag; null means English); {@link
     * EscalationRequest#NONE} for a language without request words ({@link #reads}).
     */
    public static EscalationRequest detect(CharSequence text, String language) {
        RequestWords words = RequestWords.of(language);
        return words == null ? EscalationRequest.NONE : detect(text, words);
    }

    /** Whether requests in {@code language} (a BCP-47 tag; null: English) are read. */
    public static boolean reads(String language) {
        return RequestWords.of(language) != null;
    }

    private static EscalationRequest detect(CharSequence text, RequestWords words) {
        EscalationRequest strongest = EscalationRequest.NONE;
        // German may negate after the verb ("ich kündige nicht"): a trigger waits for the next
        // word before it counts.
        EscalationRequest pending = null;
        int wordsSinceNegator = Integer.MAX_VALUE;
        int wordsSinceCue = Integer.MAX_VALUE;
        int wordsSinceLegalCue = Integer.MAX_VALUE;
        // "my lawyer" is a threat, "my brother is a lawyer" is not: a possessive counts only
        // right before the trigger.
        int wordsSincePossessive = Integer.MAX_VALUE;
        boolean english = words == RequestWords.ENGLISH;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.' || c == ',' || c == ';' || c == '!' || c == '?') {
                wordsSinceNegator = Integer.MAX_VALUE;
                wordsSinceCue = Integer.MAX_VALUE;
                wordsSinceLegalCue = Integer.MAX_VALUE;
                wordsSincePossessive = Integer.MAX_VALUE;
                strongest = stronger(pending, strongest);
                pending = null;
                i++;
                continue;
            }
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n
                    && (Character.isLetter(text.charAt(i))
                            || english && isApostrophe(text.charAt(i)))) {
                i++;
            }
            int roles = words.rolesOf(text, start, i);
            if ((roles & RequestWords.CLAUSE_BREAK) != 0) {
                wordsSinceNegator = Integer.MAX_VALUE;
                wordsSinceCue = Integer.MAX_VALUE;
                wordsSinceLegalCue = Integer.MAX_VALUE;
                wordsSincePossessive = Integer.MAX_VALUE;
                strongest = stronger(pending, strongest);
                pending = null;
                continue;
            }
            if (wordsSinceCue != Integer.MAX_VALUE) {
                wordsSinceCue++;
            }
            if (wordsSinceLegalCue != Integer.MAX_VALUE) {
                wordsSinceLegalCue++;
            }
            if ((roles & RequestWords.REQUEST_CUE_WORD) != 0) {
                wordsSinceCue = 0;
            }
            if ((roles & RequestWords.LEGAL_CUE_WORD) != 0) {
                wordsSinceLegalCue = 0;
            }
            if (wordsSincePossessive != Integer.MAX_VALUE) {
                wordsSincePossessive++;
            }
            if ((roles & RequestWords.POSSESSIVE) != 0) {
                wordsSincePossessive = 0;
            }
            if ((roles & RequestWords.NEGATOR) != 0) {
                wordsSinceNegator = 0;
                pending = null;
                continue;
            }
            strongest = stronger(pending, strongest);
            pending = null;
            if (wordsSinceNegator != Integer.MAX_VALUE) {
                wordsSinceNegator++;
            }
            if ((roles & RequestWords.TRIGGER) == 0) {
                continue;
            }
            int trigger = RequestWords.triggerOf(roles);
            EscalationRequest request = words.kinds[trigger];
            byte cue = words.cues[trigger];
            if (english
                    && words.triggers[trigger].equals("human")
                    && !asksForAPerson(text, start)) {
                request = null;
            }
            if (cue == RequestWords.REQUEST_CUE && wordsSinceCue > NEGATION_WINDOW
                    || cue == RequestWords.LEGAL_CUE
                            && wordsSinceLegalCue > NEGATION_WINDOW
                            && wordsSincePossessive != 1) {
                request = null;
            }
            if (request != null && wordsSinceNegator > NEGATION_WINDOW) {
                if (words.negatesAfter) {
                    pending = request;
                } else {
                    strongest = stronger(request, strongest);
                }
            }
        }
        return stronger(pending, strongest);
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

    private static final EscalationRequest[] STRENGTH = {
        EscalationRequest.NONE,
        EscalationRequest.CANCEL,
        EscalationRequest.COMPLAINT,
        EscalationRequest.MANAGER,
        EscalationRequest.LEGAL
    };

    /** The stronger of a request (or null) and the strongest so far. */
    private static EscalationRequest stronger(EscalationRequest a, EscalationRequest b) {
        return a != null && rank(a) > rank(b) ? a : b;
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
