package dev.switchboard.operators.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PriorContact;
import dev.switchboard.operators.records.QueueStatus;
import dev.switchboard.operators.records.RoutingDecision;
import dev.switchboard.operators.records.RoutingSignal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteConversationTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final Duration STALE = Duration.ofMinutes(2);

    static final TenantRouting ACME =
            new TenantRouting(
                    "customer-service",
                    Map.of("get_refund", List.of("billing"), "cancel_order", List.of("orders")),
                    List.of("general"),
                    Map.of(
                            "billing-en",
                                    new TenantRouting.QueueDefinition(
                                            List.of("billing"), List.of("en")),
                            "billing-es",
                                    new TenantRouting.QueueDefinition(
                                            List.of("billing", "general"), List.of("es")),
                            "billing-2",
                                    new TenantRouting.QueueDefinition(
                                            List.of("billing"), List.of("en")),
                            "general",
                                    new TenantRouting.QueueDefinition(
                                            List.of("general", "orders"), List.of("en"))),
                    "general");

    private KeyedBroadcastOperatorTestHarness<String, RoutingSignal, QueueStatus, RoutingDecision>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        RoutingSettings settings =
                new RoutingSettings(Map.of("acme", ACME), 3, 0.5, STALE, Duration.ofDays(7), 5);
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RouteConversation(settings, Duration.ofHours(24)),
                        s -> s.tenant + "/" + s.conversationId,
                        Types.STRING,
                        RouteConversation.QUEUES);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    static QueueStatus status(
            String queue,
            List<String> skills,
            List<String> languages,
            int agents,
            int waiting,
            double avgWait,
            long ts) {
        return RoutingTest.queue(queue, skills, languages, agents, waiting, avgWait, ts);
    }

    static RoutingSignal signal(RoutingSignal.Kind kind, String conversation, long ts) {
        RoutingSignal s = new RoutingSignal();
        s.kind = kind;
        s.tenant = "acme";
        s.conversationId = conversation;
        s.customerId = "cust-1";
        s.channel = Channel.CHAT;
        s.messageId = "m@" + ts;
        s.ts = ts;
        s.startedAt = T0;
        s.language = "en";
        return s;
    }

    static RoutingSignal intent(String conversation, String intent, String language, long ts) {
        RoutingSignal s = signal(RoutingSignal.Kind.INTENT, conversation, ts);
        s.intent = intent;
        s.intentConfidence = 0.9;
        s.language = language;
        return s;
    }

    /** Entries in the operator's keyed state (the harness keeps it on the heap). */
    private int keyedStateEntries() {
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
                        harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    /** Event time moves on both inputs, as the job's watermarks do. */
    private void advance(long time) throws Exception {
        harness.processWatermark(new Watermark(time));
        harness.processBroadcastWatermark(new Watermark(time));
    }

    private List<RoutingDecision> decisions() {
        return harness.extractOutputValues();
    }

    @Test
    void routesOnTheSettledIntentToTheQueueWithTheSkillLanguageAndShortestWait() throws Exception {
        harness.processBroadcastElement(
                status("billing-en", List.of("billing"), List.of("en"), 1, 8, 60, T0), T0);
        harness.processBroadcastElement(
                status("billing-2", List.of("billing"), List.of("en"), 3, 1, 60, T0), T0);
        harness.processBroadcastElement(
                status("billing-es", List.of("billing", "general"), List.of("es"), 9, 0, 10, T0),
                T0);
        harness.processElement(intent("c-1", "get_refund", "en", T0 + 1_000), T0 + 1_000);

        RoutingDecision d = decisions().get(0);
        assertEquals(
                "billing-2",
                d.queue,
                "60*2/3 = 40 s beats 60*9/1; the Spanish queue does not speak English");
        assertEquals(List.of("billing"), d.skills);
        assertEquals("get_refund", d.intent);
        assertEquals(4, d.priority, "calm, standard tier, no wait: the default");
        assertEquals(List.of("INTENT_SETTLED", "SKILLS_AND_LANGUAGE_MATCH"), d.reasons);
        assertEquals(40.0, d.expectedWaitSeconds);
    }

    @Test
    void aClosedConversationLeavesNoStateOrTimerBehind() throws Exception {
        harness.processBroadcastElement(
                status("billing-1", List.of("billing"), List.of("en"), 4, 1, 20, T0), T0);
        harness.processElement(intent("c-1", "get_refund", "en", T0 + 1_000), T0 + 1_000);
        assertEquals(1, keyedStateEntries());
        harness.processElement(signal(RoutingSignal.Kind.CLOSED, "c-1", T0 + 2_000), T0 + 2_000);
        harness.processElement(
                signal(RoutingSignal.Kind.CLOSED, "c-never-routed", T0 + 3_000), T0 + 3_000);
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aSpanishConversationLandsOnTheSpanishQueue() throws Exception {
        harness.processBroadcastElement(
                status("general", List.of("general", "orders"), List.of("en"), 9, 0, 5, T0), T0);
        harness.processBroadcastElement(
                status("billing-es", List.of("billing", "general"), List.of("es"), 1, 4, 60, T0),
                T0);
        harness.processElement(intent("c-es", "unknown", "es", T0 + 1_000), T0 + 1_000);
        RoutingDecision d = decisions().get(0);
        assertEquals("billing-es", d.queue);
        assertEquals(
                List.of("general"), d.skills, "unknown intent needs the tenant's default skills");
        assertTrue(d.reasons.contains("INTENT_UNKNOWN"), d.reasons.toString());
    }

    @Test
    void noLiveQueueGoesToTheFallback() throws Exception {
        harness.processElement(intent("c-2", "get_refund", "en", T0), T0);
        RoutingDecision d = decisions().get(0);
        assertEquals("general", d.queue);
        assertEquals(-1.0, d.expectedWaitSeconds);
        assertTrue(d.reasons.contains("NO_QUEUE_QUALIFIES"));
    }

    @Test
    void aQueueThatGoesQuietIsLeftForAnotherAndAFreshOneKeepsItsConversations() throws Exception {
        harness.processBroadcastElement(
                status("billing-2", List.of("billing"), List.of("en"), 5, 0, 30, T0), T0);
        harness.processBroadcastElement(
                status("billing-en", List.of("billing"), List.of("en"), 1, 5, 60, T0), T0);
        harness.processElement(intent("c-3", "get_refund", "en", T0 + 1_000), T0 + 1_000);
        assertEquals("billing-2", decisions().get(0).queue);

        // billing-en keeps reporting, billing-2 falls silent.
        for (long t = T0 + 30_000; t <= T0 + 240_000; t += 30_000) {
            harness.processBroadcastElement(
                    status("billing-en", List.of("billing"), List.of("en"), 1, 5, 60, t), t);
            advance(t);
        }
        List<RoutingDecision> all = decisions();
        assertEquals(2, all.size(), all.toString());
        RoutingDecision moved = all.get(1);
        assertEquals("billing-en", moved.queue);
        assertEquals(List.of("QUEUE_UNAVAILABLE", "SKILLS_AND_LANGUAGE_MATCH"), moved.reasons);
        assertEquals(
                T0 + STALE.toMillis() + 1,
                moved.ts,
                "decided when billing-2's last status went stale");
        assertNotEquals(all.get(0).id, moved.id);

        // billing-en stays fresh: no further decision, however long the conversation lasts.
        for (long t = T0 + 270_000; t <= T0 + 900_000; t += 30_000) {
            harness.processBroadcastElement(
                    status("billing-en", List.of("billing"), List.of("en"), 1, 5, 60, t), t);
            advance(t);
        }
        assertEquals(2, decisions().size());
    }

    @Test
    void levelChangesReRouteWithTheirPriorityAndEscalateBeforeTheIntentRoutesAtOnce()
            throws Exception {
        harness.processBroadcastElement(
                status("general", List.of("general", "orders"), List.of("en"), 2, 0, 20, T0), T0);
        RoutingSignal watch = signal(RoutingSignal.Kind.LEVEL, "c-4", T0 + 1_000);
        watch.level = EscalationLevel.WATCH;
        harness.processElement(watch, T0 + 1_000);
        assertEquals(0, decisions().size(), "watch before the intent settled waits for it");

        RoutingSignal escalate = signal(RoutingSignal.Kind.LEVEL, "c-4", T0 + 2_000);
        escalate.level = EscalationLevel.ESCALATE;
        escalate.customerSentiment = -0.8;
        harness.processElement(escalate, T0 + 2_000);
        RoutingDecision first = decisions().get(0);
        assertEquals(1, first.priority);
        assertEquals("unknown", first.intent);
        assertEquals("general", first.queue);
        assertTrue(
                first.reasons.containsAll(
                        List.of("ESCALATED_BEFORE_INTENT", "LEVEL_ESCALATE", "NEGATIVE_SENTIMENT")),
                first.reasons.toString());

        RoutingSignal recovered = signal(RoutingSignal.Kind.LEVEL, "c-4", T0 + 9_000);
        recovered.level = EscalationLevel.NONE;
        recovered.customerSentiment = 0.4;
        harness.processElement(recovered, T0 + 9_000);
        RoutingDecision second = decisions().get(1);
        assertEquals(4, second.priority);
        assertEquals(List.of("LEVEL_CHANGED", "SKILLS_AND_LANGUAGE_MATCH"), second.reasons);
    }

    @Test
    void carriesTheCustomersHistoryAndSaysWhenTheLastContactEndedBadly() throws Exception {
        RoutingSignal s = intent("c-5", "cancel_order", "en", T0);
        PriorContact chat = new PriorContact();
        chat.conversationId = "c-0";
        chat.channel = Channel.CHAT;
        chat.intent = "cancel_order";
        chat.closingSentiment = -0.7;
        chat.closingLevel = EscalationLevel.ALERT;
        chat.peakLevel = EscalationLevel.ALERT;
        chat.closedAt = T0 - 3_600_000;
        s.history = List.of(chat);
        s.customerTier = "gold";
        harness.processElement(s, T0);
        RoutingDecision d = decisions().get(0);
        assertEquals(List.of(chat), d.history);
        assertTrue(
                d.reasons.containsAll(
                        List.of(
                                "RETURNING_CUSTOMER",
                                "PREVIOUS_CONTACT_ENDED_BADLY",
                                "PREMIUM_TIER")),
                d.reasons.toString());
        assertEquals(3, d.priority);
    }

    @Test
    void
            closedConversationsAndTenantsWithoutRoutingGetNothingAndTheEndOfInputIsNotAQueueGoingQuiet()
                    throws Exception {
        harness.processBroadcastElement(
                status("billing-2", List.of("billing"), List.of("en"), 5, 0, 30, T0), T0);
        RoutingSignal other = intent("c-6", "get_refund", "en", T0);
        other.tenant = "globex";
        harness.processElement(other, T0);
        assertEquals(0, decisions().size());

        harness.processElement(intent("c-7", "get_refund", "en", T0), T0);
        harness.processElement(intent("c-8", "get_refund", "en", T0), T0);
        harness.processElement(signal(RoutingSignal.Kind.CLOSED, "c-7", T0 + 1_000), T0 + 1_000);
        assertEquals(2, decisions().size());
        advance(Long.MAX_VALUE);
        assertEquals(
                2, decisions().size(), "c-8's check fired at the end of input and did nothing");
    }
}
