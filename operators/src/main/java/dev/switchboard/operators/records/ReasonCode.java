package dev.switchboard.operators.records;

/** Why a decision was taken. Codes are stable; supervisors' tools may switch on them. */
public enum ReasonCode {
    /** The customer's weighted sentiment fell below the level's threshold. */
    NEGATIVE_TREND,
    /** Several customer messages in a row were negative. */
    NEGATIVE_STREAK,
    /** The customer asked for a manager, to cancel, complained or threatened legal action. */
    ESCALATION_REQUEST,
    /** The customer has waited too long for an agent's reply. */
    LONG_WAIT,
    /** The customer's sentiment came back above the recovery threshold. */
    SENTIMENT_RECOVERED,
    /** The customer's last contact, on any channel, ended badly: the new one starts at watch. */
    PREVIOUS_CONTACT_ENDED_BADLY
}
