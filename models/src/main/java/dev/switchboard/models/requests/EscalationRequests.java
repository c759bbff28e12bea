package dev.switchboard.models.requests;

import java.util.Locale;
import java.util.Map;

/**
 * Finds explicit escalation requests in a customer message: asking for a manager or a human, to
 * cancel, to complain formally, or threatening legal action. Rules, not a model: these phrases are
 * few, their meaning is not a matter of tone, and a supervisor needs the exact reason.
 *
 * <p>"Manager" and "supervisor" count only after a request word in the same clause ("speak to your
 * manager", "I want a supervisor", "get me your manager"), so "the manager at the store said ..." is
 * not a request. Negation is handled within the clause: "no need for a manager", "I don't want to cancel",
 * "never mind the supervisor" are not requests. A negator counts when it comes at most
 * {@value #NEGATION_WINDOW} words before the trigger, with no clause boundary ({@code . , ; ! ?}
 * or "but") between. When a message holds several requests the strongest wins, in the order legal,
 * manager, complaint, cancel.
 *
 * <p>Thread-safe and allocation-light: one lower-cased copy of the text per call.
 */
public final class EscalationRequests {
    static final int NEGATION_WINDOW = 4;

    private static final Map<String, EscalationRequest> TRIGGERS =
            Map.ofEntries(
                    Map.entry("manager", EscalationRequest.MANAGER),
                    Map.entry("supervisor", EscalationRequest.MANAGER),
                    Map.entry("escalate", EscalationRequest.MANAGER),
                    Map.entry("human", EscalationRequest.MANAGER),
                    Map.entry("cancel", EscalationRequest.CANCEL),
                    Map.entry("cancelling", EscalationRequest.CANCEL),
                    Map.entry("canceling", EscalationRequest.CANCEL),
                    Map.entry("cancellation", EscalationRequest.CANCEL),
                    Map.entry("chargeback", EscalationRequest.CANCEL),
                    Map.entry("complaint", EscalationRequest.COMPLAINT),
                    Map.entry("complain", EscalationRequest.COMPLAINT),
                    Map.entry("lawyer", EscalationRequest.LEGAL),
                    Map.entry("lawyers", EscalationRequest.LEGAL),
                    Map.entry("attorney", EscalationRequest.LEGAL),
                    Map.entry("sue", EscalationRequest.LEGAL),
                    Map.entry("lawsuit", EscalationRequest.LEGAL),
                    Map.entry("legal", EscalationRequest.LEGAL),
                    Map.entry("ombudsman", EscalationRequest.LEGAL),
                    Map.entry("regulator", EscalationRequest.LEGAL));

    private static final java.util.Set<String> NEGATORS =
            java.util.Set.of("no", "not", "never", "dont", "don't", "didnt", "didn't", "doesnt", "doesn't", "wont",
                    "won't", "without", "nor", "needn't", "neednt", "cannot", "can't", "cant", "shouldn't", "mind");

    /** Words that make a following "manager" or "supervisor" a request. */
    private static final java.util.Set<String> REQUEST_CUES =
            java.util.Set.of("speak", "talk", "want", "need", "get", "see", "call", "connect", "transfer", "put", "give",
                    "let", "where", "bring", "ask", "demand", "request", "your", "escalate", "contact", "reach");

    private EscalationRequests() {}

    public static EscalationRequest detect(CharSequence text) {
        String lower = text.toString().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        EscalationRequest strongest = EscalationRequest.NONE;
        int wordsSinceNegator = Integer.MAX_VALUE;
        int wordsSinceCue = Integer.MAX_VALUE;
        int i = 0;
        int n = lower.length();
        while (i < n) {
            char c = lower.charAt(i);
            if (c == '.' || c == ',' || c == ';' || c == '!' || c == '?') {
                wordsSinceNegator = Integer.MAX_VALUE;
                wordsSinceCue = Integer.MAX_VALUE;
                i++;
                continue;
            }
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetter(lower.charAt(i)) || lower.charAt(i) == '\'')) {
                i++;
            }
            String word = lower.substring(start, i);
            if (word.equals("but")) {
                wordsSinceNegator = Integer.MAX_VALUE;
                wordsSinceCue = Integer.MAX_VALUE;
                continue;
            }
            if (wordsSinceCue != Integer.MAX_VALUE) {
                wordsSinceCue++;
            }
            if (REQUEST_CUES.contains(word)) {
                wordsSinceCue = 0;
            }
            if (NEGATORS.contains(word)) {
                wordsSinceNegator = 0;
                continue;
            }
            if (wordsSinceNegator != Integer.MAX_VALUE) {
                wordsSinceNegator++;
            }
            EscalationRequest request = TRIGGERS.get(word);
            if (request == EscalationRequest.MANAGER && word.equals("human") && !asksForAPerson(lower, start)) {
                request = null;
            }
            if ((word.equals("manager") || word.equals("supervisor")) && wordsSinceCue > NEGATION_WINDOW) {
                request = null;
            }
            if (request != null && wordsSinceNegator > NEGATION_WINDOW && request.ordinal() > 0 && stronger(request, strongest)) {
                strongest = request;
            }
        }
        return strongest;
    }

    /** "a human", "real human", "human being", "human agent": not "human error". */
    private static boolean asksForAPerson(String lower, int start) {
        String before = lower.substring(Math.max(0, start - 6), start);
        String after = lower.substring(start + 5, Math.min(lower.length(), start + 12));
        return before.endsWith("a ") || before.endsWith("real ") || after.startsWith(" being") || after.startsWith(" agent");
    }

    private static final EscalationRequest[] STRENGTH = {
        EscalationRequest.NONE, EscalationRequest.CANCEL, EscalationRequest.COMPLAINT, EscalationRequest.MANAGER, EscalationRequest.LEGAL
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
