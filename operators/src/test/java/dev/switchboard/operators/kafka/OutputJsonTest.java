package dev.switchboard.operators.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.operators.records.CloseReason;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;
import org.junit.jupiter.api.Test;

/** What readers of the escalations and conversations topics see of the second opinion. */
class OutputJsonTest {
    @Test
    void evidenceSaysWhichScoresAreTheSecondOpinions() throws Exception {
        EscalationDecision d = new EscalationDecision();
        d.id = "d-1";
        d.tenant = "acme";
        d.conversationId = "c-1";
        d.level = EscalationLevel.WATCH;
        d.previousLevel = EscalationLevel.NONE;
        d.evidence.add(new Evidence("m1", 1_000, SentimentLabel.NEGATIVE, -0.8, "late", false));
        d.evidence.add(new Evidence("m2", 2_000, SentimentLabel.NEGATIVE, -0.5, "fine", true));

        JsonNode json =
                new ObjectMapper()
                        .readTree(JsonRecordSerializer.toJsonString(d, OutputJson::escalation));

        JsonNode evidence = json.path("evidence");
        assertEquals(2, evidence.size());
        assertFalse(evidence.get(0).has("secondOpinion"), evidence.toString());
        assertTrue(evidence.get(1).path("secondOpinion").asBoolean(), evidence.toString());
        assertEquals(-0.5, evidence.get(1).path("score").asDouble(), 1e-9);
    }

    @Test
    void aSummaryCountsTheSecondOpinionsOnlyWhereThereWereAny() throws Exception {
        ConversationSummary s = new ConversationSummary();
        s.id = "s-1";
        s.tenant = "acme";
        s.conversationId = "c-1";
        s.closeReason = CloseReason.ENDED;
        s.customerMessages = 5;
        JsonNode without =
                new ObjectMapper()
                        .readTree(JsonRecordSerializer.toJsonString(s, OutputJson::summary));
        assertFalse(without.path("messages").has("customerSecondOpinions"), without.toString());

        s.customerSecondOpinions = 2;
        JsonNode with =
                new ObjectMapper()
                        .readTree(JsonRecordSerializer.toJsonString(s, OutputJson::summary));
        assertEquals(2, with.path("messages").path("customerSecondOpinions").asInt());
        assertEquals(5, with.path("messages").path("customer").asInt());
    }
}
