package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reading the JSON the job published, as any consumer would. */
public final class OutputRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputRecords() {}

    public static List<JsonNode> json(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> parse(r.value())).toList();
    }

    public static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String conversationKey(JsonNode j) {
        return j.path("tenant").asText() + "/" + j.path("conversationId").asText();
    }

    /**
     * The record without its processing time, which legitimately differs between a record and its
     * replay.
     */
    public static JsonNode withoutDecidedAt(JsonNode j) {
        ObjectNode copy = j.deepCopy();
        copy.remove("decidedAt");
        return copy;
    }
}
