package dev.switchboard.pipeline.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeldConversationsTest {
    @TempDir Path tmp;

    @Test
    void outcomeComesFromTheCustomersOwnLabels() {
        assertEquals(
                "escalated", MeldConversations.outcome(List.of("neutral", "negative", "negative")));
        assertEquals("satisfied", MeldConversations.outcome(List.of("neutral", "positive")));
        assertNull(
                MeldConversations.outcome(List.of("negative", "neutral", "negative")),
                "negative, but never twice in a row: unlabelled");
    }

    @Test
    void theMainSpeakerIsTheCustomerAndEveryDialogueEndsWithItsOutcome() throws Exception {
        Path csv = tmp.resolve("meld.csv");
        Files.writeString(
                csv,
                String.join(
                        "\n",
                        "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID,Season,Episode,StartTime,EndTime",
                        "1,Where is it?,Ross,anger,negative,0,0,1,1,\"00:00:01,000\",\"00:00:02,000\"",
                        "2,I don't know.,Rachel,neutral,neutral,0,1,1,1,\"00:00:03,000\",\"00:00:04,000\"",
                        "3,\"You lost it, again!\",Ross,anger,negative,0,2,1,1,\"00:00:05,000\",\"00:00:06,000\"",
                        "4,Hi.,Joey,joy,positive,1,0,1,1,\"00:00:01,000\",\"00:00:02,000\"",
                        ""),
                StandardCharsets.UTF_8);
        Path out = tmp.resolve("meld.jsonl");
        MeldConversations.Counts counts = MeldConversations.convert(csv, out);
        assertEquals(2, counts.dialogues());
        assertEquals(1, counts.conversations(), "a customer with one line is left out");
        assertEquals(1, counts.escalated());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            records.add(json.readTree(line));
        }
        assertEquals(4, records.size());
        assertEquals(
                List.of("customer", "agent", "customer"),
                records.subList(0, 3).stream().map(j -> j.path("role").asText()).toList());
        assertEquals("You lost it, again!", records.get(2).path("text").asText());
        assertTrue(records.get(0).path("final").asBoolean());
        JsonNode ended = records.get(3);
        assertEquals("conversation.ended", ended.path("type").asText());
        assertEquals("escalated", ended.path("outcome").asText());
        assertTrue(ended.path("ts").asLong() > records.get(2).path("ts").asLong());
    }
}
