package dev.switchboard.pipeline.backtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Input-contract records (docs/contract.md) as JSON lines, for the development sets that {@code
 * switchboard dataset} builds from public dialogues.
 */
final class ContractLines {
    private static final JsonFactory JSON = new JsonFactory();

    /** Where a converted dialogue lives: tenant, conversation, customer and channel. */
    record Conversation(String tenant, String conversationId, String customerId, String channel) {}

    private ContractLines() {}

    /** A final message (a whole chat line or a final transcript segment). */
    static String message(Conversation c, String messageId, String role, String text, long ts)
            throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator j = JSON.createGenerator(w)) {
            start(j, "message", c);
            j.writeStringField("messageId", messageId);
            j.writeStringField("role", role);
            j.writeStringField("text", text);
            j.writeBooleanField("final", true);
            j.writeNumberField("ts", ts);
            j.writeEndObject();
        }
        return w.toString();
    }

    /**
     * The conversation's end, with the outcome label the backtest judges decisions by (or none when
     * null).
     */
    static String ended(Conversation c, String outcome, long ts) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator j = JSON.createGenerator(w)) {
            start(j, "conversation.ended", c);
            if (outcome != null) {
                j.writeStringField("outcome", outcome);
            }
            j.writeNumberField("ts", ts);
            j.writeEndObject();
        }
        return w.toString();
    }

    private static void start(JsonGenerator j, String type, Conversation c) throws IOException {
        j.writeStartObject();
        j.writeNumberField("v", 1);
        j.writeStringField("type", type);
        j.writeStringField("tenant", c.tenant());
        j.writeStringField("conversationId", c.conversationId());
        j.writeStringField("customerId", c.customerId());
        j.writeStringField("channel", c.channel());
    }
}
