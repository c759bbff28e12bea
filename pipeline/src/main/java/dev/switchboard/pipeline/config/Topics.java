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
        String audit) {
    public static final Topics DEFAULTS =
            new Topics(
                    "switchboard.messages",
                    "switchboard.control",
                    "switchboard.policies",
                    "switchboard.queue-status",
                    "switchboard.scores",
                    "switchboard.escalations",
                    "switchboard.escalations.shadow",
                    "switchboard.routing",
                    "switchboard.conversations",
                    "switchboard.deadletters",
                    "switchboard.audit");

    /** Every topic name with {@code prefix} in front (tests and benchmarks give each run its own). */
    public Topics withPrefix(String prefix) {
        return new Topics(prefix + messages, prefix + control, prefix + policies, prefix + queueStatus, prefix + scores, prefix + escalations,
                prefix + shadowEscalations, prefix + routing, prefix + conversations, prefix + deadLetters, prefix + audit);
    }

    public List<String> all() {
        return List.of(messages, control, policies, queueStatus, scores, escalations, shadowEscalations, routing, conversations, deadLetters, audit);
    }

    public List<String> outputs() {
        return List.of(scores, escalations, shadowEscalations, routing, conversations, deadLetters, audit);
    }
}
