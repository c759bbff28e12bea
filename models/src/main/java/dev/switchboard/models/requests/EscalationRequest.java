package dev.switchboard.models.requests;

/** What a customer explicitly asked for that a supervisor should know about. */
public enum EscalationRequest {
    NONE,
    /** A manager, a supervisor, a human, someone in charge. */
    MANAGER,
    /** To cancel, close the account, a refund or chargeback. */
    CANCEL,
    /** A formal complaint. */
    COMPLAINT,
    /** A lawyer, legal action, a regulator. */
    LEGAL
}
