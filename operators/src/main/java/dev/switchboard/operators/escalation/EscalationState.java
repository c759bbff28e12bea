package dev.switchboard.operators.escalation;

import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DecideEscalation} keeps per conversation. Evolution rule as for every state type: add
 * fields, never rename, retype or remove one.
 */
public class EscalationState {
    /** The level of the current episode; NONE between episodes. */
    public EscalationLevel level = EscalationLevel.NONE;

    /**
     * Event time at which the last episode recovered; a new one may not start within the cooldown.
     */
    public long recoveredAt = Long.MIN_VALUE;

    /**
     * The latest customer messages, oldest first, at most {@link EscalationPolicy#EVIDENCE_SIZE}.
     */
    public List<Evidence> recent = new ArrayList<>();

    /** The highest level this conversation reached (kept for the customer's history). */
    public EscalationLevel peakLevel = EscalationLevel.NONE;

    /** True while the level is the watch inherited from the customer's last contact. */
    public boolean inheritedWatch;

    /**
     * Consecutive negative customer turns (by the policy's {@code negativeTurnBelow}), ending with
     * the latest.
     */
    public int negativeTurns;

    /** Consecutive customer turns that were not negative, ending with the latest. */
    public int calmTurns;

    // What the insight detectors hear of the conversation (ContactSignals).

    /** The settled intent ({@code unknown} when it could not be read); null until then. */
    public String intent;

    /** The conversation's agent at its latest customer message. */
    public String agentId;

    /** Whether the conversation has counted as a complaint (once per conversation). */
    public boolean complaintCounted;

    /** A complaint waiting for the intent to settle before it is sent with its topic. */
    public boolean complaintPending;

    public String complaintReason;
    public String complaintExcerpt;
    public long complaintAt;

    /** Event time the current episode reached watch or above; 0 when it is not there. */
    public long negativeSince;

    /** Time spent at watch or above in earlier episodes, ms. */
    public long negativeMs;

    public int hostileMessages;

    /** Whether the agent has been told that this conversation reached escalate. */
    public boolean escalationSignalled;

    public EscalationState() {}
}
