package dev.switchboard.operators.records;

/**
 * A conversation that became a complaint: its escalation level first reached the tenant's surge
 * level ({@code watch} by default). Sent once per conversation from the escalation decision to the
 * complaint-surge detector, keyed by tenant and topic. The excerpt is redacted.
 */
public class ComplaintSignal {
    public String tenant;
    public String conversationId;

    /** The conversation's intent, or its first escalation reason when it has none. */
    public String topic;

    /** The redacted excerpt of the customer message that made it a complaint; may be null. */
    public String excerpt;

    /** Event time of the decision, epoch ms. */
    public long ts;

    public ComplaintSignal() {}

    public ComplaintSignal(
            String tenant, String conversationId, String topic, String excerpt, long ts) {
        this.tenant = tenant;
        this.conversationId = conversationId;
        this.topic = topic;
        this.excerpt = excerpt;
        this.ts = ts;
    }

    public String surgeKey() {
        return tenant + "/" + topic;
    }

    @Override
    public String toString() {
        return "ComplaintSignal{"
                + tenant
                + "/"
                + conversationId
                + " topic="
                + topic
                + " ts="
                + ts
                + "}";
    }
}
