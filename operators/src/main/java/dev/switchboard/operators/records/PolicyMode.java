package dev.switchboard.operators.records;

/** How a tenant's escalation policy is used. */
public enum PolicyMode {
    /** Decides: its decisions go to {@code switchboard.escalations}. */
    LIVE,
    /**
     * A candidate evaluated beside the live policy: its decisions go to {@code
     * switchboard.escalations.shadow} only.
     */
    SHADOW
}
