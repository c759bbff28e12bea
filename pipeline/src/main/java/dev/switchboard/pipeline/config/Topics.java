package dev.switchboard.pipeline.config;

import java.util.List;

/** The Kafka topics the job reads and writes. */
public record Topics(
        String messages,
        String control,
        String policies,
        String queueStatus,
        String scores,
        String escalations,
        String shadowEscalations,
        String routing,
        String conversations,
        String deadLetters,
        String audit,
        String insights) {
    // Constants, not only DEFAULTS, because option annotations (the job's, the board's) need them.
    public static final String MESSAGES = "switchboard.messages";
    public static final String CONTROL = "switchboard.control";
    public static final String POLICIES = "switchboard.policies";
    public static final String QUEUE_STATUS = "switchboard.queue-status";
    public static final String SCORES = "switchboard.scores";
    public static final String ESCALATIONS = "switchboard.escalations";
    public static final String SHADOW_ESCALATIONS = "switchboard.escalations.shadow";
    public static final String ROUTING = "switchboard.routing";
    public static final String CONVERSATIONS = "switchboard.conversations";
    public static final String DEAD_LETTERS = "switchboard.deadletters";
    public static final String AUDIT = "switchboard.audit";
    public static final String INSIGHTS = "switchboard.insights";

    public static final Topics DEFAULTS =
            new Topics(
                    MESSAGES,
                    CONTROL,
                    POLICIES,
                    QUEUE_STATUS,
                    SCORES,
                    ESCALATIONS,
                    SHADOW_ESCALATIONS,
                    ROUTING,
                    CONVERSATIONS,
                    DEAD_LETTERS,
                    AUDIT,
                    INSIGHTS);

    /**
     * Every topic name with {@code prefix} in front (tests and benchmarks give each run its own).
     */
    public Topics withPrefix(String prefix) {
        return new Topics(
                prefix + messages,
                prefix + control,
                prefix + policies,
                prefix + queueStatus,
                prefix + scores,
                prefix + escalations,
                prefix + shadowEscalations,
                prefix + routing,
                prefix + conversations,
                prefix + deadLetters,
                prefix + audit,
                prefix + insights);
    }

    public List<String> all() {
        return List.of(
                messages,
                control,
                policies,
                queueStatus,
                scores,
                escalations,
                shadowEscalations,
                routing,
                conversations,
                deadLetters,
                audit,
                insights);
    }

    public List<String> outputs() {
        return List.of(
                scores,
                escalations,
                shadowEscalations,
                routing,
                conversations,
                deadLetters,
                audit,
                insights);
    }
}
