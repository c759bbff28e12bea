package dev.switchboard.pipeline.config;

import java.util.List;

/** The Kafka topics the job reads and writes. */
public record Topics(
        String messages, String scores, String escalations, String routing, String conversations, String deadLetters) {
    public static final Topics DEFAULTS =
            new Topics(
                    "switchboard.messages",
                    "switchboard.scores",
                    "switchboard.escalations",
                    "switchboard.routing",
                    "switchboard.conversations",
                    "switchboard.deadletters");

    public List<String> all() {
        return List.of(messages, scores, escalations, routing, conversations, deadLetters);
    }

    public List<String> outputs() {
        return List.of(scores, escalations, routing, conversations, deadLetters);
    }
}
