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
