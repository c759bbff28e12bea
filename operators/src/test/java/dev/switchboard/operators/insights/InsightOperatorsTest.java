package dev.switchboard.operators.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The two detectors as Flink operators: timers, keys, tenants' switches, state kept. */
class InsightOperatorsTest {
    private static final long MINUTE = 60_000;

    private static KeyedBroadcastOperatorTestHarness<String, ComplaintSignal, PolicyUpdate, Insight>
            surges() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new DetectComplaintSurges(withoutWarmUp(), Map.of()),
                ComplaintSignal::surgeKey,
                Types.STRING,
                DecideEscalation.POLICIES);
    }

    /** A topic seen for the first time may surge at once (the default waits for a baseline). */
    private static EscalationPolicy withoutWarmUp() {
        EscalationPolicy p = EscalationPolicy.defaults();
        p.insights.baselineWarmupMs = 0;
        return p;
    }

    private static KeyedBroadcastOperatorTestHarness<String, AgentSignal, PolicyUpdate, Insight>
            strain() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new WatchAgentStrain(EscalationPolicy.defaults(), Map.of()),
                AgentSignal::agentKey,
                Types.STRING,
                DecideEscalation.POLICIES);
    }

    private static void complaints(
            KeyedBroadcastOperatorTestHarness<String, ComplaintSignal, PolicyUpdate, Insight> h,
            String topic,
            int count,
            long from)
            throws Exception {
        for (int k = 0; k < count; k++) {
            long ts = from + k * 30_000L;
            h.processElement(
                    new StreamRecord<>(
                            new ComplaintSignal("acme", topic + k, topic, null, ts), ts));
        }
    }

    private static int keyedStateEntries(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> h) {
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
                        h.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private static List<Insight> insights(
            KeyedBroadcastOperatorTestHarness<String, ?, PolicyUpdate, Insight> h) {
        return h.extractOutputValues();
    }

    @Test
    void aSurgeOfOneTopicClosesByItsTimerAndLeavesAnotherTopicAlone() throws Exception {
        try (var h = surges()) {
            complaints(h, "refund", 24, 0);
            complaints(h, "delivery", 3, 0);
            assertTrue(insights(h).isEmpty(), "held until the watermark has passed them");
            h.watermark(12 * MINUTE); // both inputs: the policies' is idle in the job
            List<Insight> opened = insights(h);
            assertEquals(1, opened.stream().filter(i -> i.phase == Insight.Phase.OPENED).count());
            assertTrue(opened.stream().allMatch(i -> i.topic.equals("refund")), opened.toString());
            // No more complaints: the watermark alone moves the window on, and the surge closes.
            h.watermark(40 * MINUTE); // both inputs: the policies' is idle in the job
            Insight last = insights(h).get(insights(h).size() - 1);
            assertEquals(Insight.Phase.CLOSED, last.phase);
            assertEquals("refund", last.topic);
            assertEquals(2, keyedStateEntries(h), "one state per tenant and topic");
            // What is left: timers to drop each topic's examples once they are an hour old.
            assertTrue(h.numEventTimeTimers() > 0);
            h.watermark(3 * 60 * MINUTE);
            assertEquals(0, h.numEventTimeTimers(), "no timer once the examples are gone");
        }
    }

    @Test
    void signalsAtTheEndOfTimeDoNotSetOffTimersThatFireForever() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30),
                () -> {
                    try (var h = surges();
                            var agents = strain()) {
                        long end = Long.MAX_VALUE - 1_000;
                        for (int k = 0; k < 12; k++) {
                            h.processElement(
                                    new StreamRecord<>(
                                            new ComplaintSignal("acme", "c" + k, "t", "x", end - k),
                                            end - k));
                            AgentSignal a =
                                    new AgentSignal(
                                            AgentSignal.Kind.HOSTILE_MESSAGE,
                                            "acme",
                                            "a",
                                            "c",
                                            end - k);
                            agents.processElement(new StreamRecord<>(a, a.ts));
                        }
                        h.watermark(Long.MAX_VALUE);
                        agents.watermark(Long.MAX_VALUE);
                    }
                });
    }

    @Test
    void aTenantWithSurgesOffKeepsNothingAndPublishesNothing() throws Exception {
        try (var h = surges()) {
            EscalationPolicy off = EscalationPolicy.defaults();
            off.insights = new InsightPolicy();
            off.insights.surges = false;
            h.processBroadcastElement(
                    new StreamRecord<>(new PolicyUpdate("acme", PolicyMode.LIVE, off, "test"), 0));
            complaints(h, "refund", 40, 0);
            h.watermark(30 * MINUTE);
            assertTrue(insights(h).isEmpty());
            assertEquals(0, keyedStateEntries(h));
        }
    }

    @Test
    void strainFallsWithTheWatermarkAndItsStateGoesWhenNothingIsLeft() throws Exception {
        try (var h = strain()) {
            for (int k = 0; k < 3; k++) {
                AgentSignal a =
                        new AgentSignal(
                                AgentSignal.Kind.CONTACT_ENDED,
                                "acme",
                                "agent-3",
                                "c" + k,
                                k * MINUTE);
                a.difficult = true;
                a.negativeMs = 20 * MINUTE;
                h.processElement(new StreamRecord<>(a, a.ts));
            }
            h.watermark(3 * MINUTE);
            Insight raised = insights(h).get(insights(h).size() - 1);
            assertEquals("agent-3", raised.agentId);
            assertTrue(raised.reasons.size() >= 2, raised.toString());
            assertEquals(1, h.numEventTimeTimers(), "the next slide of the window");
            // Three hours later, with no contact in between, the window has slid past them all:
            // the timers alone bring the strain down, through elevated.
            h.watermark(180 * MINUTE); // both inputs: the policies' is idle in the job
            Insight now = insights(h).get(insights(h).size() - 1);
            assertEquals(Insight.Phase.CLOSED, now.phase, insights(h).toString());
            assertEquals(0, now.negativeMinutes);
            assertEquals(0, keyedStateEntries(h), "nothing left to remember");
            assertEquals(0, h.numEventTimeTimers());
        }
    }
}
