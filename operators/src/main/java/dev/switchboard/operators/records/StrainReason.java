package dev.switchboard.operators.records;

/** Why an agent's strain is raised; each names a threshold of the tenant's insight policy. */
public enum StrainReason {
    /** Hostile customer messages received in the shift window. */
    HOSTILE_MESSAGES,
    /** Conversations handled that reached escalate, in the shift window. */
    ESCALATED_CONVERSATIONS,
    /** Difficult contacts in a row, ending with the latest. */
    DIFFICULT_RUN,
    /** Minutes spent in conversations at watch or above, in the shift window. */
    NEGATIVE_TIME
}
