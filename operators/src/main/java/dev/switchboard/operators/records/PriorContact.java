package dev.switchboard.operators.records;

import java.util.Objects;

/**
 * One past conversation of a customer, on any channel, as kept in the customer's history and
 * carried in routing decisions. No text. Evolution rule as for every state type: add fields, never
 * rename, retype or remove one.
 */
public class PriorContact {
    public String conversationId;
    public Channel channel;

    /** The intent the conversation was routed with, {@code unknown}, or null if it never was. */
    public String intent;

    /** The customer's weighted sentiment when it closed, in [-1, 1]. */
    public double closingSentiment;

    /** The escalation level when it closed (NONE after a recovery). */
    public EscalationLevel closingLevel = EscalationLevel.NONE;

    /** The highest escalation level it reached. */
    public EscalationLevel peakLevel = EscalationLevel.NONE;

    /** Event time of the close, epoch ms. */
    public long closedAt;

    /** A closing weighted sentiment at or below this is a contact that ended badly. */
    public static final double BAD_CLOSING_SENTIMENT = -0.5;

    public PriorContact() {}

    /**
     * Whether the customer left unhappy: the conversation closed at alert or escalate, or with a
     * weighted sentiment at or below {@link #BAD_CLOSING_SENTIMENT}.
     */
    public boolean endedBadly() {
        return closingLevel == EscalationLevel.ALERT
                || closingLevel == EscalationLevel.ESCALATE
                || closingSentiment <= BAD_CLOSING_SENTIMENT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriorContact p
                && Double.compare(closingSentiment, p.closingSentiment) == 0
                && closedAt == p.closedAt
                && Objects.equals(conversationId, p.conversationId)
                && channel == p.channel
                && Objects.equals(intent, p.intent)
                && closingLevel == p.closingLevel
                && peakLevel == p.peakLevel;
    }

    @Override
    public int hashCode() {
        return Objects.hash(conversationId, closedAt);
    }

    @Override
    public String toString() {
        return "PriorContact{"
                + conversationId
                + " "
                + channel
                + " "
                + intent
                + " "
                + closingLevel
                + String.format(" %.2f", closingSentiment)
                + "}";
    }
}
