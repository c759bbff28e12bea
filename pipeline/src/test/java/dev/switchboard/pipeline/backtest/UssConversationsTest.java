package dev.switchboard.pipeline.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class UssConversationsTest {
    @TempDir Path tmp;

    @Test
    void theOutcomeIsTheMeanOverallRatingRoundedHalfToEven() {
        assertEquals("dissatisfied", UssConversations.outcome("2,2,3"));
        assertEquals("dissatisfied", UssConversations.outcome("2,3"), "2.5 rounds to 2");
        assertEquals("neutral", UssConversations.outcome("3,3,4"));
        assertEquals("satisfied", UssConversations.outcome("3,4"), "3.5 rounds to 4");
        assertEquals("satisfied", UssConversations.outcome("4,5,4,4"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> UssConversations.outcome("3,x"))
                        .getMessage()
                        .contains("'x'"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> UssConversations.outcome("6"))
                        .getMessage()
                        .contains("1 to 5"));
    }

    @Test
    void usersAreCustomersSystemsAgentsAndEveryDialogueEndsWithItsOutcome() throws Exception {
        Path file = tmp.resolve("ReDial.txt");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "",
                        "USER\tHi! Any movie like \"Married%3F (2007)\"\t\t3,3,3",
                        "SYSTEM\tSure, try this one.\t\t",
                        "USER\tNo, not that one.\t\t2,2,2",
                        "USER\tOVERALL\t\t2,2,3",
                        "",
                        "SYSTEM\tHello!\tOTHER\t",
                        "USER\tThanks, great pick!\tOTHER\t5,4,4",
                        "USER\tOVERALL\t\t4,5,4",
                        ""),
                StandardCharsets.UTF_8);
        Path out = tmp.resolve("uss.jsonl");
        UssConversations.Counts counts = UssConversations.convert(file, out);
        assertEquals(new UssConversations.Counts(2, 1, 0, 1, 0, 7), counts);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            records.add(json.readTree(line));
        }
        assertEquals(
                List.of("customer", "agent", "customer"),
                records.subList(0, 3).stream().map(j -> j.path("role").asText()).toList());
        assertEquals(
                "Hi! Any movie like \"Married? (2007)\"", records.get(0).path("text").asText());
        assertEquals("redial-1", records.get(0).path("conversationId").asText());
        assertEquals("chat", records.get(0).path("channel").asText());
        assertEquals(
                UssConversations.TURN_GAP_MS,
                records.get(1).path("ts").asLong() - records.get(0).path("ts").asLong());
        JsonNode ended = records.get(3);
        assertEquals("conversation.ended", ended.path("type").asText());
        assertEquals("dissatisfied", ended.path("outcome").asText());
        assertEquals("satisfied", records.get(6).path("outcome").asText());
        assertEquals("redial-2", records.get(6).path("conversationId").asText());
        assertTrue(
                records.get(4).path("ts").asLong() - ended.path("ts").asLong() >= 3_000_000L,
                "dialogues are an hour apart");
    }

    @Test
    void aFileThatIsNotUssIsRefusedWithItsLine() throws Exception {
        Path file = tmp.resolve("other.txt");
        Files.writeString(file, "USER\thello\t\t3\nspeaker: hi\n");
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> UssConversations.convert(file, tmp.resolve("o.jsonl")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void theSharedDevelopmentSetsConvertWithTheCountsTheirReadmeGives() throws Exception {
        Path dir =
                Path.of(System.getProperty("switchboard.data.dir", "../shared/data"))
                        .resolve("uss-dev");
        UssConversations.Counts redial =
                UssConversations.convert(dir.resolve("ReDial.txt"), tmp.resolve("r.jsonl"));
        assertEquals(
                List.of(1_000, 73, 608, 319),
                List.of(
                        redial.conversations(),
                        redial.dissatisfied(),
                        redial.neutral(),
                        redial.satisfied()));
        UssConversations.Counts ccpe =
                UssConversations.convert(dir.resolve("CCPE.txt"), tmp.resolve("c.jsonl"));
        assertEquals(
                List.of(500, 37, 407, 56),
                List.of(
                        ccpe.conversations(),
                        ccpe.dissatisfied(),
                        ccpe.neutral(),
                        ccpe.satisfied()));

        Path both = tmp.resolve("both.jsonl");
        UssConversations.Counts all =
                UssConversations.convert(
                        List.of(dir.resolve("ReDial.txt"), dir.resolve("CCPE.txt")), both);
        assertEquals(redial.records() + ccpe.records(), all.records());
        long previous = Long.MIN_VALUE;
        String previousConversation = "";
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(both)) {
            JsonNode r = json.readTree(line);
            if (!r.path("conversationId").asText().equals(previousConversation)) {
                assertTrue(
                        r.path("ts").asLong() > previous,
                        "each conversation starts after the one before it: "
                                + r.path("conversationId"));
                previousConversation = r.path("conversationId").asText();
            }
            previous = r.path("ts").asLong();
        }
    }
}
