package dev.switchboard.pipeline.config;

import java.util.List;

/** The Kafka topics the job reads and writes. */
public record Topics(
        String messages,
        String control,
        String scores,
        String escalations,
        String routing,
        String conversations,
        String deadLetters,
        String audit) {
    public static final Topics DEFAULTS =
            new Topics(
                    "switchboard.messages",
                    "switchboard.control",
                    "switchboard.scores",
                    "switchboard.escalations",
                    "switchboard.routing",
                    "switchboard.conversations",
                    "switchboard.deadletters",
                    "switchboard.audit");

    public List<String> all() {
        return List.of(messages, control, scores, escalations, routing, conversations, deadLetters, audit);
    }

    public List<String> outputs() {
        return List.of(scores, escalations, routing, conversations, deadLetters, audit);
    }
}
