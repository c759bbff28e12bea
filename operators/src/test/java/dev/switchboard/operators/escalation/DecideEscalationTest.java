package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecideEscalationTest {
    private KeyedOneInputStreamOperatorTestHarness<String, ConversationUpdate, EscalationDecision> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DecideEscalation(EscalationPolicy.defaults(), dev.switchboard.models.privacy.Redactor.defaults(), Duration.ofHours(24)),
                        u -> u.tenant + "/" + u.conversationId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void customer(String messageId, double score, double sentiment, int streak, int count, long ts) throws Exception {
        ConversationUpdate u = EscalationPolicyTest.update(sentiment, streak, count, ts);
        u.tenant = "acme";
        u.conversationId = "c-1";
        u.customerId = "cust-1";
        u.messageId = messageId;
        u.score = score;
        u.label = score < -0.2 ? SentimentLabel.NEGATIVE : SentimentLabel.POSITIVE;
        u.excerpt = "message " + messageId + ", mail me at jane@example.com";
        harness.processElement(new StreamRecord<>(u, ts));
    }

    @Test
    void escalatesStepByStepWithEvidenceAndThenRecovers() throws Exception {
        customer("m1", -0.9, -0.9, 1, 1, 1_000);
        customer("m2", -0.7, -0.8, 2, 2, 2_000);
        customer("m3", -0.9, -0.85, 3, 3, 3_000);
        customer("m4", 0.3, -0.3, 0, 4, 4_000);
        customer("m5", 0.9, 0.45, 0, 5, 5_000);
        List<EscalationDecision> d = harness.extractOutputValues();
        assertEquals(List.of(EscalationLevel.ESCALATE, EscalationLevel.RECOVERED), d.stream().map(x -> x.level).toList());
        assertEquals(EscalationLevel.NONE, d.get(0).previousLevel);
        assertEquals("m2", d.get(0).messageId);
        assertEquals(List.of("m1", "m2"), d.get(0).evidence.stream().map(e -> e.messageId).toList());
        assertEquals("message m1, mail me at [EMAIL]", d.get(0).evidence.get(0).excerpt, "excerpts are published redacted");
        assertEquals(EscalationLevel.ESCALATE, d.get(1).previousLevel);
        assertEquals(List.of("m3", "m4", "m5"), d.get(1).evidence.stream().map(e -> e.messageId).toList());
        assertEquals("default", d.get(1).policy);
    }

    @Test
    void ignoresAgentMessagesAndClearsStateWhenTheConversationCloses() throws Exception {
        ConversationUpdate agent = EscalationPolicyTest.update(-0.9, 5, 5, 1_000);
        agent.role = SpeakerRole.AGENT;
        agent.tenant = "acme";
        agent.conversationId = "c-1";
        harness.processElement(new StreamRecord<>(agent, 1_000));
        assertTrue(harness.extractOutputValues().isEmpty());

        customer("m1", -0.9, -0.9, 1, 1, 1_000);
        assertEquals(1, harness.numKeyedStateEntries());
        ConversationUpdate closed = new ConversationUpdate();
        closed.tenant = "acme";
        closed.conversationId = "c-1";
        closed.closed = true;
        harness.processElement(new StreamRecord<>(closed, 2_000));
        assertEquals(0, harness.numKeyedStateEntries());
    }

    @Test
    void aLongWaitIsDecidedWithoutAMessage() throws Exception {
        ConversationUpdate wait = EscalationPolicyTest.update(0.0, 0, 1, 181_000);
        wait.role = null;
        wait.tenant = "acme";
        wait.conversationId = "c-1";
        wait.waitTimer = true;
        wait.waitingMs = 180_000;
        harness.processElement(new StreamRecord<>(wait, 181_000));
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
}
