package dev.switchboard.models.requests;

/**
 * The words {@link EscalationRequests} reads requests by: triggers and what each asks for, the
 * negators, and the cues that make a trigger a request. Arrays, scanned in place: no hashing of
 * substrings on the per-message path.
 */
final class RequestWords {
    /**
     * Trigger words and what each asks for, in parallel arrays: scanned in place, no hashing of
     * substrings.
     */
    static final String[] TRIGGER_WORDS = {
        "manager",
        "supervisor",
        "escalate",
        "human",
        "cancel",
        "cancelling",
        "canceling",
        "cancellation",
        "chargeback",
        "complaint",
        "complain",
        "lawyer",
        "lawyers",
        "attorney",
        "sue",
        "lawsuit",
        "legal",
        "ombudsman",
        "regulator"
    };

    static final EscalationRequest[] TRIGGER_KINDS = {
        EscalationRequest.MANAGER,
        EscalationRequest.MANAGER,
        EscalationRequest.MANAGER,
        EscalationRequest.MANAGER,
        EscalationRequest.CANCEL,
        EscalationRequest.CANCEL,
        EscalationRequest.CANCEL,
        EscalationRequest.CANCEL,
        EscalationRequest.CANCEL,
        EscalationRequest.COMPLAINT,
        EscalationRequest.COMPLAINT,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL
    };

    static final String[] NEGATORS = {
        "no",
        "not",
        "never",
        "dont",
        "don't",
        "didnt",
        "didn't",
        "doesnt",
        "doesn't",
        "wont",
        "won't",
        "without",
        "nor",
        "needn't",
        "neednt",
        "cannot",
        "can't",
        "cant",
        "shouldn't",
        "mind"
    };

    /** Words that make a following "manager" or "supervisor" a request. */
    static final String[] REQUEST_CUES = {
        "speak",
        "talk",
        "want",
        "need",
        "get",
        "see",
        "call",
        "connect",
        "transfer",
        "put",
        "give",
        "let",
        "where",
        "bring",
        "ask",
        "demand",
        "request",
        "your",
        "escalate",
        "contact",
        "reach"
    };

    /**
     * Words that make a following "lawyer", "attorney" or "legal" a threat: "my lawyer", "call an
     * attorney", "take legal action"; without one the word is only talk ("I love lawyer movies",
     * "is it legal to return it?").
     */
    static final String[] LEGAL_CUES = {
        "my",
        "our",
        "get",
        "getting",
        "call",
        "calling",
        "contact",
        "contacting",
        "hire",
        "hiring",
        "involve",
        "involving",
        "speak",
        "speaking",
        "talk",
        "talking",
        "hear",
        "hearing",
        "from",
        "take",
        "taking",
        "consult",
        "consulting",
        "retain",
        "pursue",
        "pursuing",
        "seek",
        "seeking"
    };

    private RequestWords() {}
}
