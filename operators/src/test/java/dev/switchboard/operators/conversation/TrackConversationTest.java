package dev.switchboard.operators.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.CloseReason;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.Sentiment;
import dev.switchboard.operators.warmup.JitWarmup;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackConversationTest {
    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final Duration LONG_WAIT = Duration.ofMinutes(3);
    private KeyedBroadcastOperatorTestHarness<
                    String, ConversationEvent, ConversationEvent, CustomerEvent>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new TrackConversation(IDLE, LONG_WAIT, Duration.ofHours(24), 0.5, 4),
                        ConversationEvent::conversationKey,
                        Types.STRING,
                        TrackConversation.CONTROL);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    static ConversationEvent message(
            String id, SpeakerRole role, SentimentLabel label, double score, long ts) {
        ConversationEvent e = lifecycle(EventType.MESSAGE, ts);
        e.messageId = id;
        e.role = role;
        e.sentiment = new Sentiment(label, score, 0.9, true, "test@none");
        return e;
    }

    static ConversationEvent lifecycle(EventType type, long ts) {
        ConversationEvent e = new ConversationEvent();
        e.type = type;
        e.tenant = "acme";
        e.conversationId = "c-1";
        e.customerId = "cust-1";
        e.channel = Channel.CHAT;
        e.ts = ts;
        return e;
    }

    private void send(ConversationEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.ts));
    }

    /** Entries in the keyed state of the operator under test (the heap backend of the harness). */
    private int keyedStateEntries() {
        var backend =
                ((org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>)
                                harness.getOperator())
                        .getKeyedStateBackend();
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) backend)
                .numKeyValueStateEntries();
    }

    /**
     * Event time moves on both inputs (an operator follows the lesser of its inputs' watermarks).
     */
    private void watermark(long time) throws Exception {
        harness.processWatermark(new Watermark(time));
        harness.processBroadcastWatermark(new Watermark(time));
    }

    /** Everything sent to the customer-level state, in order. */
    private List<CustomerEvent> out() {
        return harness.extractOutputValues();
    }

    private List<ConversationUpdate> updates() {
        return out().stream().filter(e -> e.update != null).map(e -> e.update).toList();
    }

    private List<ConversationClosed> closes() {
        return out().stream().filter(e -> e.closed != null).map(e -> e.closed).toList();
    }

    private List<ConversationSummary> summaries() {
        var side = harness.getSideOutput(TrackConversation.SUMMARIES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void weightsRecentCustomerSentimentAndCountsTheNegativeStreak() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.8, 1_000));
        send(message("m2", SpeakerRole.AGENT, SentimentLabel.POSITIVE, 0.9, 2_000));
        send(message("m3", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.4, 3_000));
        List<ConversationUpdate> u = updates();
        assertEquals(2, u.size(), "the agent's message changes no decision: no update for it");
        assertEquals(-0.8, u.get(0).customerSentiment, 1e-9);
        assertEquals(1, u.get(0).negativeStreak);
        // The agent's message moves neither the customer's sentiment nor the streak; it is
        // counted.
        assertEquals(0.5 * -0.4 + 0.5 * -0.8, u.get(1).customerSentiment, 1e-9);
        assertEquals(2, u.get(1).negativeStreak);
        assertEquals(2, u.get(1).customerMessages);
        assertEquals(1, u.get(1).agentMessages);
    }

    @Test
    void aSecondOpinionsScoreReachesTheDecisionsMarkedAsOne() throws Exception {
        ConversationEvent fast =
                message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.3, 1_000);
        ConversationEvent rescored =
                message("m2", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, -0.1, 2_000);
        rescored.sentiment.secondOpinion = true;
        send(fast);
        send(rescored);
        List<ConversationUpdate> u = updates();
        assertFalse(u.get(0).secondOpinion);
        assertTrue(u.get(1).secondOpinion);
        assertEquals(-0.1, u.get(1).score, 1e-9);
    }

    @Test
    void sendsOnlyTheUpdatesThatCanChangeADecision() throws Exception {
        send(message("m1", SpeakerRole.AGENT, SentimentLabel.POSITIVE, 0.5, 1_000));
        send(message("m2", SpeakerRole.BOT, SentimentLabel.NEUTRAL, 0.0, 2_000));
        send(message("m3", SpeakerRole.AGENT, SentimentLabel.POSITIVE, 0.5, 3_000));
        ConversationEvent unsupported =
                message("m4", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0.0, 4_000);
        unsupported.sentiment.supported = false;
        send(unsupported);
        ConversationEvent request =
                message("m5", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0.0, 5_000);
        request.sentiment.supported = false;
        request.escalationRequest = EscalationRequest.MANAGER;
        send(request);
        send(message("m6", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.5, 6_000));
        List<ConversationUpdate> u = updates();
        assertEquals(
                List.of("m1", "m5", "m6"),
                u.stream().map(x -> x.messageId).toList(),
                "the first (it opens the customer's state), a request in any language, a scored"
                        + " customer message");
        assertTrue(u.get(0).opened);
        assertEquals(2, u.get(1).agentMessages);
        assertEquals(1, u.get(1).botMessages);
    }

    @Test
    void fitsTheTrendToTheLastCustomerScoresOfTheWindow() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.POSITIVE, 0.9, 1_000));
        send(message("m2", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0.3, 2_000));
        assertEquals(0.0, updates().get(1).customerTrend, "two points are no trend");
        send(message("m3", SpeakerRole.AGENT, SentimentLabel.POSITIVE, 0.9, 3_000));
        send(message("m4", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.3, 4_000));
        assertEquals(
                -0.6,
                updates().get(2).customerTrend,
                1e-6,
                "0.9, 0.3, -0.3: falling 0.6 a message; the agent's line is not in it");
        send(message("m5", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.9, 5_000));
        send(message("m6", SpeakerRole.CUSTOMER, SentimentLabel.POSITIVE, 0.9, 6_000));
        // Window of 4: 0.3, -0.3, -0.9, 0.9 (the first score has left it).
        assertEquals(slope(0.3, -0.3, -0.9, 0.9), updates().get(4).customerTrend, 1e-6);
    }

    private static double slope(double... y) {
        double mx = (y.length - 1) / 2.0;
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int x = 0; x < y.length; x++) {
            num += (x - mx) * (y[x] - my);
            den += (x - mx) * (x - mx);
        }
        return num / den;
    }

    @Test
    void aNonNegativeCustomerMessageEndsTheStreak() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.8, 1_000));
        send(message("m2", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0.0, 2_000));
        assertEquals(0, updates().get(1).negativeStreak);
    }

    @Test
    void unsupportedLanguageIsCountedButNotScored() throws Exception {
        ConversationEvent french =
                message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0, 1_000);
        french.sentiment = new Sentiment(SentimentLabel.NEUTRAL, 0, 0, false, "test@none");
        send(french);
        send(message("m2", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.6, 2_000));
        assertEquals(2, updates().get(1).customerMessages);
        assertEquals(-0.6, updates().get(1).customerSentiment, 1e-9);
    }

    @Test
    void endSummarisesAndClearsStateAndTimers() throws Exception {
        ConversationEvent started = lifecycle(EventType.CONVERSATION_STARTED, 500);
        started.queue = "billing";
        started.customerTier = "gold";
        send(started);
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.6, 1_000));
        ConversationEvent rescored =
                message("m2", SpeakerRole.CUSTOMER, SentimentLabel.POSITIVE, 0.8, 2_000);
        rescored.sentiment.secondOpinion = true;
        send(rescored);
        ConversationEvent partial =
                message("m3", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0, 2_500);
        partial.isFinal = false;
        partial.sentiment = null;
        send(partial);
        assertEquals(
                2, harness.numEventTimeTimers(), "the idle timer and the customer's waiting timer");
        send(lifecycle(EventType.CONVERSATION_ENDED, 3_000));

        List<ConversationSummary> s = summaries();
        assertEquals(1, s.size());
        ConversationSummary summary = s.get(0);
        assertEquals(CloseReason.ENDED, summary.closeReason);
        assertEquals(500, summary.startedAt);
        assertEquals(3_000, summary.closedAt);
        assertEquals(2, summary.customerMessages);
        assertEquals(1, summary.skippedPartials);
        assertEquals(0.1, summary.customerSentimentMean, 1e-9);
        assertEquals(-0.6, summary.customerSentimentMin, 1e-9);
        assertEquals(1, summary.customerSecondOpinions);
        assertEquals("billing", summary.queue);
        assertEquals("gold", summary.customerTier);
        CustomerEvent last = out().get(out().size() - 1);
        assertTrue(last.closed != null);
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void closesAnIdleConversationWhenEventTimePassesTheTimeout() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.6, 1_000));
        send(message("m2", SpeakerRole.AGENT, SentimentLabel.NEUTRAL, 0, 61_000));
        watermark(61_000 + IDLE.toMillis() - 1);
        assertTrue(summaries().isEmpty(), "the last activity moved the timeout");
        watermark(61_000 + IDLE.toMillis());
        assertEquals(1, summaries().size());
        assertEquals(CloseReason.IDLE_TIMEOUT, summaries().get(0).closeReason);
        assertEquals(61_000 + IDLE.toMillis(), summaries().get(0).closedAt);
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aCustomerWaitingTooLongForAnAgentTriggersOneWaitUpdate() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0, 1_000));
        send(message("m2", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.5, 61_000));
        watermark(1_000 + LONG_WAIT.toMillis() - 1);
        assertEquals(2, updates().size(), "not yet");
        watermark(1_000 + LONG_WAIT.toMillis());
        ConversationUpdate waited = updates().get(2);
        assertTrue(waited.waitTimer);
        assertEquals(
                LONG_WAIT.toMillis(),
                waited.waitingMs,
                "measured from the first unanswered message");
        watermark(1_000 + 3 * LONG_WAIT.toMillis());
        assertEquals(3, updates().size(), "once per wait");
    }

    @Test
    void aLaterWaitReusesTheEarlierWaitsTimerAndStillFiresOnTime() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0, 1_000));
        send(message("m2", SpeakerRole.AGENT, SentimentLabel.NEUTRAL, 0, 2_000));
        send(message("m3", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.5, 3_000));
        assertEquals(2, harness.numEventTimeTimers(), "the idle timer and one waiting timer");
        watermark(1_000 + LONG_WAIT.toMillis());
        assertTrue(updates().stream().noneMatch(u -> u.waitTimer), "the first wait ended");
        assertEquals(2, harness.numEventTimeTimers(), "the waiting timer moved on");
        watermark(3_000 + LONG_WAIT.toMillis() - 1);
        assertTrue(updates().stream().noneMatch(u -> u.waitTimer));
        watermark(3_000 + LONG_WAIT.toMillis());
        List<ConversationUpdate> waits = updates().stream().filter(u -> u.waitTimer).toList();
        assertEquals(1, waits.size());
        assertEquals(3_000 + LONG_WAIT.toMillis(), waits.get(0).ts);
        assertEquals(LONG_WAIT.toMillis(), waits.get(0).waitingMs);
    }

    @Test
    void stateFromBeforeTheRegisteredTimeWasKeptFindsItsTimerByTheWaitsTime() {
        ConversationState restored = new ConversationState();
        restored.waitingSince = 1_000;
        restored.waitTimerAt = 1_000 + LONG_WAIT.toMillis();
        assertTrue(TrackConversation.isWaitTimer(restored, restored.waitTimerAt));
        assertFalse(TrackConversation.isWaitTimer(restored, restored.waitTimerAt - 1));
        ConversationState current = new ConversationState();
        current.waitTimerAt = 5_000 + LONG_WAIT.toMillis();
        current.waitTimerSetAt = 1_000 + LONG_WAIT.toMillis();
        assertTrue(TrackConversation.isWaitTimer(current, current.waitTimerSetAt));
        assertFalse(
                TrackConversation.isWaitTimer(current, current.waitTimerAt),
                "while an earlier wait's timer is registered, it alone is the waiting timer");
        assertFalse(TrackConversation.isWaitTimer(new ConversationState(), 0));
    }

    @Test
    void anAgentReplyEndsTheWait() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0, 1_000));
        send(message("m2", SpeakerRole.BOT, SentimentLabel.NEUTRAL, 0, 2_000));
        send(message("m3", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0, 2_500));
        assertEquals(1_500, updates().get(1).waitingMs, "a bot's message is not a reply");
        send(message("m4", SpeakerRole.AGENT, SentimentLabel.NEUTRAL, 0, 3_000));
        send(message("m5", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0, 3_500));
        assertEquals(0, updates().get(2).waitingMs, "a new wait starts with this message");
        watermark(1_000 + LONG_WAIT.toMillis());
        assertTrue(updates().stream().noneMatch(u -> u.waitTimer));
        assertEquals(
                2,
                harness.numEventTimeTimers(),
                "the first wait's timer fired and found it over; the idle timer and the new"
                        + " wait's are left");
    }

    @Test
    void theEndOfABoundedInputIsNotWaiting() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.5, 1_000));
        watermark(Long.MAX_VALUE);
        assertTrue(updates().stream().noneMatch(u -> u.waitTimer));
        assertEquals(CloseReason.IDLE_TIMEOUT, summaries().get(0).closeReason);
    }

    @Test
    void eraseClearsEveryConversationOfThatCustomerAndReportsThem() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.6, 1_000));
        ConversationEvent other =
                message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.6, 1_000);
        other.conversationId = "c-2";
        send(other);
        ConversationEvent stranger =
                message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0, 1_000);
        stranger.conversationId = "c-3";
        stranger.customerId = "cust-9";
        send(stranger);
        assertEquals(3, keyedStateEntries());

        ConversationEvent erase = new ConversationEvent();
        erase.type = EventType.ERASE;
        erase.tenant = "acme";
        erase.customerId = "cust-1";
        erase.requestId = "req-7";
        erase.ts = 2_000;
        harness.processBroadcastElement(erase, 2_000);

        assertEquals(1, keyedStateEntries(), "only the other customer's conversation is left");
        var parts =
                harness.getSideOutput(TrackConversation.ERASURES).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertEquals(1, parts.size());
        assertEquals(
                java.util.Set.of("c-1", "c-2"), java.util.Set.copyOf(parts.get(0).conversations));
        assertEquals("req-7", parts.get(0).requestId);
        List<ConversationClosed> closed = closes();
        assertEquals(
                java.util.Set.of("c-1", "c-2"),
                closed.stream()
                        .map(u -> u.conversationId)
                        .collect(java.util.stream.Collectors.toSet()));

        // The erased conversations' timers find nothing: no summary comes from the cleared state.
        watermark(Long.MAX_VALUE);
        assertEquals(List.of("c-3"), summaries().stream().map(x -> x.conversationId).toList());
    }

    @Test
    void summaryIdsAreDeterministic() throws Exception {
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.6, 1_000));
        send(lifecycle(EventType.CONVERSATION_ENDED, 2_000));
        String first = summaries().get(0).id;
        tearDown();
        setUp();
        send(message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEGATIVE, -0.6, 1_000));
        send(lifecycle(EventType.CONVERSATION_ENDED, 2_000));
        assertEquals(first, summaries().get(0).id);
        assertFalse(first.isEmpty());
    }

    /**
     * A harness whose tenant acme is routed with the customer-service intent model, reading at most
     * 2 messages.
     */
    private static KeyedBroadcastOperatorTestHarness<
                    String, ConversationEvent, ConversationEvent, CustomerEvent>
            routed() throws Exception {
        var acme =
                new dev.switchboard.operators.routing.TenantRouting(
                        "customer-service",
                        java.util.Map.of("cancel_order", List.of("orders")),
                        List.of("general"),
                        java.util.Map.of(
                                "general",
                                new dev.switchboard.operators.routing.TenantRouting.QueueDefinition(
                                        List.of("general", "orders"), List.of("en"))),
                        "general");
        var settings =
                new dev.switchboard.operators.routing.RoutingSettings(
                        java.util.Map.of("acme", acme),
                        2,
                        0.5,
                        Duration.ofMinutes(2),
                        Duration.ofDays(7),
                        5);
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TrackConversation(IDLE, LONG_WAIT, Duration.ofHours(24), 0.5, 4, settings),
                ConversationEvent::conversationKey,
                Types.STRING,
                TrackConversation.CONTROL);
    }

    private static ConversationEvent said(String id, String text, long ts) {
        ConversationEvent e = message(id, SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0.0, ts);
        e.text = text;
        return e;
    }

    @Test
    void settlesTheIntentOnceOnTheFirstConfidentCustomerMessage() throws Exception {
        harness.close();
        harness = routed();
        send(said("m1", "hello", 1_000));
        send(message("m2", SpeakerRole.AGENT, SentimentLabel.POSITIVE, 0.5, 2_000));
        send(said("m3", "I want to cancel my order", 3_000));
        send(said("m4", "I want to cancel my order please", 4_000));
        List<ConversationUpdate> u = updates();
        assertEquals(
                java.util.Arrays.asList(null, "cancel_order", null),
                u.stream().map(x -> x.intent).toList(),
                "no update for the agent's message");
        assertTrue(u.get(1).intentConfidence >= 0.5);
        assertEquals(List.of(true, false, false), u.stream().map(x -> x.opened).toList());
        assertTrue(u.stream().allMatch(x -> "acme/c/cust-1".equals(x.customerKey)));
        assertEquals("en", u.get(2).language);
        send(lifecycle(EventType.CONVERSATION_ENDED, 5_000));
        assertEquals("cancel_order", summaries().get(0).intent);
    }

    @Test
    void
            afterTheConfiguredMessagesWithoutAConfidentIntentItIsUnknownAndOtherLanguagesAreUnknownAtOnce()
                    throws Exception {
        harness.close();
        harness = routed();
        send(said("m1", "hello", 1_000));
        send(said("m2", "ok", 2_000));
        assertEquals(
                java.util.Arrays.asList(null, "unknown"),
                updates().stream().map(x -> x.intent).toList());

        ConversationEvent spanish = said("m1", "quiero cancelar mi pedido", 1_000);
        spanish.conversationId = "c-es";
        spanish.language = "es";
        spanish.sentiment = new Sentiment(SentimentLabel.NEUTRAL, 0, 0, false, "test@none");
        send(spanish);
        ConversationUpdate es = updates().get(2);
        assertEquals("unknown", es.intent, "the intent models read English only: never guessed");
        assertEquals(0.0, es.intentConfidence);
    }

    @Test
    void aConversationWhoseFirstMessageNamesNoCustomerKeepsAConversationKey() throws Exception {
        ConversationEvent first =
                message("m1", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0.0, 1_000);
        first.customerId = null;
        send(first);
        send(message("m2", SpeakerRole.CUSTOMER, SentimentLabel.NEUTRAL, 0.0, 2_000));
        assertEquals(
                List.of("acme/v/c-1", "acme/v/c-1"),
                updates().stream().map(x -> x.customerKey).toList());
    }

    @Test
    void warmsItsPerMessageCodeWhenItOpens() {
        assertTrue(JitWarmup.roundsRun("conversation") > 0, "warmed without a failure");
    }
}
