package dev.switchboard.operators.records;

/**
 * What an agent's contact tells the strain meter: a hostile customer message the agent received, a
 * conversation of the agent's that reached {@code escalate}, or a contact that ended (difficult or
 * not, and how long it spent at {@code watch} or above). No text. Keyed by tenant and agent.
 */
public class AgentSignal {
    public enum Kind {
        HOSTILE_MESSAGE,
        ESCALATED,
        CONTACT_ENDED
    }

    public Kind kind;
    public String tenant;
    public String agentId;
    public String conversationId;

    /** Event time, epoch ms. */
    public long ts;

    /** For {@link Kind#CONTACT_ENDED}: it reached alert or above, or had a hostile message. */
    public boolean difficult;

    /** For {@link Kind#CONTACT_ENDED}: time the conversation spent at watch or above, ms. */
    public long negativeMs;

    public AgentSignal() {}

    public AgentSignal(Kind kind, String tenant, String agentId, String conversationId, long ts) {
        this.kind = kind;
        this.tenant = tenant;
        this.agentId = agentId;
        this.conversationId = conversationId;
        this.ts = ts;
    }

    public String agentKey() {
        return tenant + "/" + agentId;
    }

    @Override
    public String toString() {
        return "AgentSignal{"
                + kind
                + " "
                + tenant
                + "/"
                + agentId
                + " "
                + conversationId
                + " ts="
                + ts
                + (kind == Kind.CONTACT_ENDED
                        ? " difficult=" + difficult + " negativeMs=" + negativeMs
                        : "")
                + "}";
    }
}
