package dev.switchboard.operators.records;

/**
 * How much a conversation needs a supervisor, in rising order; {@link #RECOVERED} is published when
 * a conversation that reached {@link #WATCH} or above comes back.
 */
public enum EscalationLevel {
    NONE,
    WATCH,
    ALERT,
    ESCALATE,
    RECOVERED
}
