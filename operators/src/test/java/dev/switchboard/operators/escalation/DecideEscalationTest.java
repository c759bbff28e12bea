package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.operators.score.SentimentModels;
import dev.switchboard.operators.warmup.JitWarmup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecideEscalationTest {
    private KeyedBroadcastOperatorTestHarness<
                    String, CustomerEvent, PolicyUpdate, EscalationDecision>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(Map.of());
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, CustomerEvent, PolicyUpdate, EscalationDecision>
            harness(Map<String, TenantPolicies> configured) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new DecideEscalation(
                        EscalationPolicy.defaults(),
                        configured,
                        new TenantRedactors(List.of(), Map.of()),
                        Duration.ofHours(24),
                        RoutingSettings.NONE.customerHistoryTtl(),
                        RoutingSettings.NONE.historySize(),
                        SentimentModels.shipped()),
                e -> e.customerKey,
                Types.STRING,
                DecideEscalation.POLICIES);
    }

    /**
     * A policy whose only difference from the default is that it escalates on a streak of {@code
     * streak}.
     */
    private static EscalationPolicy escalatingAtStreak(String name, int streak) {
        EscalationPolicy p = new EscalationPolicy();
        p.name = name;
        p.version = 2;
        p.watchStreak = 1;
        p.alertStreak = streak;
        p.escalateStreak = streak;
        return p.validate();
    }

    private List<EscalationDecision> shadowDecisions() {
        return harness.getSideOutput(DecideEscalation.SHADOW) == null
                ? List.of()
                : harness.getSideOutput(DecideEscalation.SHADOW).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** Each conversation of these tests has a customer of its own: keyed by the conversation. */
    private static String keyOf(String tenant, String conversationId) {
        return CustomerEvent.customerKey(tenant, null, conversationId);
    }

    private static CustomerEvent toCustomer(ConversationUpdate u) {
        u.customerKey = keyOf(u.tenant, u.conversationId);
        return CustomerEvent.of(u);
    }

    private void customer(
            String messageId, double score, double sentiment, int streak, int count, long ts)
            throws Exception {
        ConversationUpdate u = EscalationPolicyTest.update(sentiment, streak, count, ts);
        u.tenant = "acme";
        u.conversationId = "c-1";
        u.customerId = "cust-1";
        u.messageId = messageId;
        u.score = score;
        u.label = score < -0.2 ? SentimentLabel.NEGATIVE : SentimentLabel.POSITIVE;
        // m2's score is the meaning tier's second opinion.
        u.secondOpinion = messageId.equals("m2");
        // m2 is a long message whose card number runs across the published excerpt's end.
        u.excerpt =
                messageId.equals("m2")
                        ? "x".repeat(148) + " card 4111 1111 1111 1111 expires 12/26"
                        : "message " + messageId + ", mail me at jane@example.com";
        harness.processElement(new StreamRecord<>(toCustomer(u), ts));
    }

    private int keyedStateEntries() {
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
                        harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private List<EscalationLevel> levels() {
        return harness.extractOutputValues().stream().map(x -> x.level).toList();
    }

    @Test
    void escalatesStepByStepWithEvidenceAndThenRecovers() throws Exception {
        customer("m1", -0.9, -0.9, 1, 1, 1_000);
        customer("m2", -0.7, -0.8, 2, 2, 2_000);
        customer("m3", -0.9, -0.85, 3, 3, 3_000);
        customer("m4", 0.3, -0.3, 0, 4, 4_000);
        customer("m5", 0.9, 0.45, 0, 5, 5_000);
        List<EscalationDecision> d = harness.extractOutputValues();
        assertEquals(
                List.of(EscalationLevel.ESCALATE, EscalationLevel.RECOVERED),
                d.stream().map(x -> x.level).toList());
        assertEquals(EscalationLevel.NONE, d.get(0).previousLevel);
        assertEquals("m2", d.get(0).messageId);
        assertEquals(
                List.of("m1", "m2"), d.get(0).evidence.stream().map(e -> e.messageId).toList());
        assertEquals(
                "message m1, mail me at [EMAIL]",
                d.get(0).evidence.get(0).excerpt,
                "excerpts are published redacted");
        assertEquals(
                "x".repeat(148) + " card [CARD]\u2026",
                d.get(0).evidence.get(1).excerpt,
                "redacted whole before the cut, not cut to '4111 1'");
        assertEquals(
                List.of(false, true),
                d.get(0).evidence.stream().map(e -> e.secondOpinion).toList(),
                "the evidence says which score was a second opinion");
        assertEquals(EscalationLevel.ESCALATE, d.get(1).previousLevel);
        assertEquals(
                List.of("m3", "m4", "m5"),
                d.get(1).evidence.stream().map(e -> e.messageId).toList());
        assertEquals("default", d.get(1).policy);
    }

    @Test
    void aConversationThatBecomesAComplaintIsSentToTheSurgeDetectorOnceAndItsAgentHearsOfIt()
            throws Exception {
        customer("m1", -0.9, -0.9, 1, 1, 1_000);
        customer("m2", -0.7, -0.8, 2, 2, 2_000);
        customer("m3", -0.9, -0.85, 3, 3, 3_000);
        var complaints = harness.getSideOutput(DecideEscalation.COMPLAINTS);
        assertEquals(1, complaints.size(), String.valueOf(complaints));
        var c = complaints.peek().getValue();
        // No intent model here: the topic is the first reason of the decision that made it one.
        var first = harness.extractOutputValues().get(0);
        assertEquals("acme/" + first.reasons.get(0).name().toLowerCase(), c.surgeKey());
        assertEquals(first.ts, c.ts);
        assertTrue(c.excerpt.contains("[CARD]") && !c.excerpt.contains("4111"), c.excerpt);
        // No agent has spoken in this conversation: no agent to tell.
        assertEquals(null, harness.getSideOutput(DecideEscalation.AGENT_SIGNALS));
    }

    @Test
    void ignoresAgentMessagesAndClearsStateWhenTheConversationCloses() throws Exception {
        ConversationUpdate agent = EscalationPolicyTest.update(-0.9, 5, 5, 1_000);
        agent.role = SpeakerRole.AGENT;
        agent.tenant = "acme";
        agent.conversationId = "c-1";
        harness.processElement(new StreamRecord<>(toCustomer(agent), 1_000));
        assertTrue(harness.extractOutputValues().isEmpty());

        customer("m1", -0.9, -0.9, 1, 1, 1_000);
        assertEquals(1, keyedStateEntries());
        ConversationClosed closed = new ConversationClosed();
        closed.tenant = "acme";
        closed.conversationId = "c-1";
        closed.ts = 2_000;
        harness.processElement(
                new StreamRecord<>(CustomerEvent.of(keyOf(closed.tenant, "c-1"), closed), 2_000));
        assertEquals(0, keyedStateEntries());
    }

    @Test
    void aLongWaitIsDecidedWithoutAMessage() throws Exception {
        ConversationUpdate wait = EscalationPolicyTest.update(0.0, 0, 1, 181_000);
        wait.role = null;
        wait.tenant = "acme";
        wait.conversationId = "c-1";
        wait.waitTimer = true;
        wait.waitingMs = 180_000;
        harness.processElement(new StreamRecord<>(toCustomer(wait), 181_000));
        EscalationDecision d = harness.extractOutputValues().get(0);
        assertEquals(EscalationLevel.WATCH, d.level);
        assertEquals(List.of(dev.switchboard.operators.records.ReasonCode.LONG_WAIT), d.reasons);
        assertEquals(180_000, d.waitingMs);
        assertEquals(null, d.messageId);
    }

    @Test
    void decisionIdsDependOnlyOnWhatTriggeredThem() throws Exception {
        customer("m1", -0.9, -0.9, 1, 1, 1_000);
        customer("m2", -0.7, -0.8, 2, 2, 2_000);
        String id = harness.extractOutputValues().get(0).id;
        tearDown();
        setUp();
        customer("m1", -0.9, -0.9, 1, 1, 1_000);
        customer("m2", -0.7, -0.8, 2, 2, 2_000);
        assertEquals(id, harness.extractOutputValues().get(0).id);
    }

    @Test
    void aPublishedPolicyAppliesFromTheNextMessageAndKeepsTheEpisode() throws Exception {
        customer("m1", -0.5, -0.5, 1, 1, 1_000);
        customer("m2", -0.5, -0.5, 2, 2, 2_000);
        assertEquals(
                List.of(EscalationLevel.WATCH),
                levels(),
                "default policy: a streak of 2 is watched");

        harness.processBroadcastElement(
                new PolicyUpdate("acme", PolicyMode.LIVE, escalatingAtStreak("strict", 3), "test"),
                2_500);
        customer("m3", -0.5, -0.5, 3, 3, 3_000);

        List<EscalationDecision> d = harness.extractOutputValues();
        assertEquals(
                List.of(EscalationLevel.WATCH, EscalationLevel.ESCALATE),
                levels(),
                "the new policy escalates at a streak of 3");
        assertEquals(EscalationLevel.WATCH, d.get(1).previousLevel, "the running episode was kept");
        assertEquals("strict", d.get(1).policy);
        assertEquals(2, d.get(1).policyVersion);
        assertEquals(
                List.of("m1", "m2", "m3"),
                d.get(1).evidence.stream().map(e -> e.messageId).toList(),
                "and its evidence");
    }

    @Test
    void aPolicyOfAnotherTenantChangesNothingHere() throws Exception {
        harness.processBroadcastElement(
                new PolicyUpdate(
                        "initech", PolicyMode.LIVE, escalatingAtStreak("strict", 2), "test"),
                0);
        customer("m1", -0.5, -0.5, 1, 1, 1_000);
        customer("m2", -0.5, -0.5, 2, 2, 2_000);
        assertEquals(List.of(EscalationLevel.WATCH), levels());
        assertEquals("default", harness.extractOutputValues().get(0).policy);
    }

    @Test
    void removingAPublishedLivePolicyFallsBackToTheConfiguredOne() throws Exception {
        harness.close();
        harness =
                harness(
                        Map.of(
                                "acme",
                                new TenantPolicies(escalatingAtStreak("acme-file", 2), null)));
        harness.processBroadcastElement(
                new PolicyUpdate(
                        "acme", PolicyMode.LIVE, escalatingAtStreak("published", 5), "test"),
                0);
        harness.processBroadcastElement(new PolicyUpdate("acme", PolicyMode.LIVE, null, "test"), 1);
        customer("m1", -0.5, -0.5, 1, 1, 1_000);
        customer("m2", -0.5, -0.5, 2, 2, 2_000);
        assertEquals(List.of(EscalationLevel.WATCH, EscalationLevel.ESCALATE), levels());
        assertEquals("acme-file", harness.extractOutputValues().get(1).policy);
    }

    @Test
    void aShadowPolicyDecidesBesideTheLiveOneOnItsOwnOutput() throws Exception {
        harness.processBroadcastElement(
                new PolicyUpdate(
                        "acme", PolicyMode.SHADOW, escalatingAtStreak("candidate", 2), "test"),
                0);
        customer("m1", -0.5, -0.5, 1, 1, 1_000);
        customer("m2", -0.5, -0.5, 2, 2, 2_000);
        assertEquals(
                List.of(EscalationLevel.WATCH), levels(), "the live (default) policy is unchanged");
        List<EscalationDecision> shadow = shadowDecisions();
        assertEquals(
                List.of(EscalationLevel.WATCH, EscalationLevel.ESCALATE),
                shadow.stream().map(x -> x.level).toList());
        assertTrue(shadow.stream().allMatch(x -> x.shadow && x.policy.equals("candidate")));
        assertTrue(harness.extractOutputValues().stream().noneMatch(x -> x.shadow));
        String liveWatchId = harness.extractOutputValues().get(0).id;
        assertTrue(
                shadow.stream().noneMatch(x -> x.id.equals(liveWatchId)),
                "shadow ids never collide with live ones");

        harness.processBroadcastElement(
                new PolicyUpdate("acme", PolicyMode.SHADOW, null, "test"), 2_500);
        customer("m3", 0.9, 0.2, 0, 3, 3_000);
        customer("m4", 0.9, 0.55, 0, 4, 4_000);
        assertEquals(2, shadowDecisions().size(), "a removed shadow policy decides nothing more");
        assertEquals(List.of(EscalationLevel.WATCH, EscalationLevel.RECOVERED), levels());
    }

    @Test
    void warmsItsPerMessageCodeWhenItOpens() {
        assertTrue(JitWarmup.roundsRun("escalation") > 0, "warmed without a failure");
    }
}
