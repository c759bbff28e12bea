package dev.switchboard.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BoardStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode escalation(String conversation, String level) throws Exception {
        return JSON.readTree(
                "{\"kind\":\"escalation\",\"tenant\":\"acme\",\"conversationId\":\""
                        + conversation
                        + "\",\"level\":\""
                        + level
                        + "\",\"reasons\":[],\"evidence\":[],\"ts\":\"2026-12-04T10:00:00Z\"}");
    }

    private static JsonNode score(String conversation, String ts) throws Exception {
        return JSON.readTree(
                "{\"kind\":\"score\",\"tenant\":\"acme\",\"conversationId\":\""
                        + conversation
                        + "\",\"role\":\"customer\","
                        + "\"sentiment\":{\"score\":0.2,\"supported\":true},\"ts\":"
                        + ts
                        + "}");
    }

    private static JsonNode record(KafkaTestBroker.Record r) throws Exception {
        return JSON.readTree(r.value());
    }

    @Test
    void aSurgeIsKeptWhileOpenWithItsTrendAndLeavesWhenItClosesForItsTenantOnly() throws Exception {
        BoardState state = new BoardState();
        JsonNode opened =
                JSON.readTree(
                        state.applyInsight(
                                record(
                                        BoardFixture.surge(
                                                "acme", "e1", "opened", "track_refund", 12, "x")),
                                1));
        assertTrue(opened.path("open").asBoolean());
        assertEquals("rising", opened.path("trend").asText());
        assertEquals(15, opened.path("windowMinutes").asInt());
        state.applyInsight(
                record(BoardFixture.surge("acme", "e1", "updated", "track_refund", 9, "x")), 2);
        JsonNode open = JSON.readTree(state.insights("acme"));
        assertEquals(1, open.size());
        assertEquals("falling", open.get(0).path("trend").asText());
        assertEquals("c-9", open.get(0).at("/examples/0/conversationId").asText());
        assertEquals("[]", state.insights("globex"), "another tenant sees nothing");
        JsonNode closed =
                JSON.readTree(
                        state.applyInsight(
                                record(
                                        BoardFixture.surge(
                                                "acme", "e1", "closed", "track_refund", 3, "x")),
                                3));
        assertTrue(!closed.path("open").asBoolean());
        assertEquals("[]", state.insights("acme"));
    }

    @Test
    void anAgentsStrainShowsItsLevelReasonsAndSuggestion() throws Exception {
        BoardState state = new BoardState();
        state.applyInsight(
                record(BoardFixture.strain("acme", "s1", "opened", "acme-agent-3", "elevated")), 1);
        state.applyInsight(
                record(BoardFixture.strain("acme", "s1", "updated", "acme-agent-3", "high")), 2);
        JsonNode v = JSON.readTree(state.insights("acme")).get(0);
        assertEquals("high", v.path("level").asText());
        assertEquals("rising", v.path("trend").asText());
        assertEquals("offer a break", v.path("suggestion").asText());
        assertEquals(2, v.path("reasons").size());
        assertTrue(
                BoardState.isInsight(
                        record(BoardFixture.strain("acme", "s1", "closed", "a", "none"))));
        assertTrue(!BoardState.isInsight(escalation("c", "alert")));
    }

    @Test
    void anInsightWithAnUnreadableTimeIsRefusedWhole() throws Exception {
        BoardState state = new BoardState();
        ObjectNode bad =
                (ObjectNode) record(BoardFixture.surge("acme", "e1", "opened", "t", 12, "x"));
        bad.put("ts", "yesterday");
        assertThrows(IllegalArgumentException.class, () -> state.applyInsight(bad, 1));
        assertEquals("[]", state.insights("acme"));
    }

    @Test
    void whenFullItDropsConversationsNobodyNeedsToSeeBeforeOnesOnTheBoard() throws Exception {
        BoardState state = new BoardState(100);
        state.apply(escalation("urgent", "escalate"), 1);
        for (int i = 0; i < 500; i++) {
            state.apply(score("calm-" + i, "1"), 2 + i);
        }
        assertNotNull(
                state.conversation("acme", "urgent"),
                "the escalated conversation outlives 500 calm ones");
        assertNull(state.conversation("acme", "calm-0"));
        assertNotNull(state.conversation("acme", "calm-499"));
        assertTrue(state.visible("acme").contains("urgent"));
    }

    @Test
    void evidenceKeepsTheMarkOfASecondOpinion() throws Exception {
        BoardState state = new BoardState(100);
        state.apply(
                JSON.readTree(
                        "{\"kind\":\"escalation\",\"tenant\":\"acme\",\"conversationId\":\"c-1\","
                                + "\"level\":\"watch\",\"reasons\":[],\"evidence\":["
                                + "{\"messageId\":\"m1\",\"ts\":\"2026-12-04T10:00:00Z\",\"label\":\"negative\",\"score\":-0.8,\"excerpt\":\"late again\"},"
                                + "{\"messageId\":\"m2\",\"ts\":\"2026-12-04T10:00:10Z\",\"label\":\"negative\",\"score\":-0.5,\"excerpt\":\"fine, whatever\",\"secondOpinion\":true}],"
                                + "\"ts\":\"2026-12-04T10:00:10Z\"}"),
                1);
        JsonNode view = JSON.readTree(state.conversation("acme", "c-1"));
        assertEquals(false, view.at("/evidence/0/secondOpinion").asBoolean(true));
        assertEquals(true, view.at("/evidence/1/secondOpinion").asBoolean(false));
    }

    @Test
    void aClosedConversationLeavesMemory() throws Exception {
        BoardState state = new BoardState(100);
        state.apply(escalation("c-1", "alert"), 1);
        String closed =
                state.apply(
                        JSON.readTree(
                                "{\"kind\":\"conversation.summary\",\"tenant\":\"acme\",\"conversationId\":\"c-1\",\"ts\":5}"),
                        2);
        assertTrue(closed.contains("\"level\":\"none\""), "the page hears that it left: " + closed);
        assertNull(state.conversation("acme", "c-1"));
    }

    @Test
    void aRecordWithAnUnreadableTimeIsRefusedBeforeItChangesAnything() throws Exception {
        BoardState state = new BoardState(100);
        state.apply(escalation("c-1", "alert"), 1);
        String before = state.conversation("acme", "c-1");
        assertThrows(
                IllegalArgumentException.class,
                () -> state.apply(score("c-1", "\"yesterday\""), 2));
        assertEquals(before, state.conversation("acme", "c-1"));
    }

    @Test
    void anEscalationShowsTheCustomersLanguageBeforeAnyRouting() throws Exception {
        BoardState state = new BoardState(100);
        ObjectNode spanish = (ObjectNode) escalation("c-es", "escalate");
        spanish.put("language", "es");
        state.apply(spanish, 1);
        assertTrue(
                state.conversation("acme", "c-es").contains("\"language\":\"es\""),
                state.conversation("acme", "c-es"));
        state.apply(escalation("c-es", "alert"), 2);
        assertTrue(
                state.conversation("acme", "c-es").contains("\"language\":\"es\""),
                "a decision without a language keeps the one known");
    }
}
