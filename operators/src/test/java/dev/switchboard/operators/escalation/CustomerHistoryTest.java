package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.PriorContact;
import dev.switchboard.operators.records.ReasonCode;
import dev.switchboard.operators.records.RoutingSignal;
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

/** Cross-channel continuity: what a customer's last contact leaves for the next one. */
class CustomerHistoryTest {
    private KeyedBroadcastOperatorTestHarness<
                    String, CustomerEvent, PolicyUpdate, EscalationDecision>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new DecideEscalation(
                                EscalationPolicy.defaults(),
                                Map.of(),
                                new TenantRedactors(List.of(), Map.of()),
                                Duration.ofHours(24),
                                Duration.ofDays(7),
                                3,
                                dev.switchboard.operators.score.SentimentModels.shipped()),
                        e -> e.customerKey,
                        Types.STRING,
                        DecideEscalation.POLICIES);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static ConversationUpdate update(
            String customer,
            String conversation,
            Channel channel,
            String messageId,
            double score,
            double sentiment,
            int streak,
            int count,
            long ts) {
        ConversationUpdate u = EscalationPolicyTest.update(sentiment, streak, count, ts);
        u.tenant = "acme";
        u.conversationId = conversation;
        u.customerId = customer;
        u.customerKey = CustomerEvent.customerKey("acme", customer, conversation);
        u.channel = channel;
        u.messageId = messageId;
        u.score = score;
        u.label = score < -0.2 ? SentimentLabel.NEGATIVE : SentimentLabel.POSITIVE;
        u.opened = count == 1;
        u.excerpt = "text of " + messageId;
        return u;
    }

    private static CustomerEvent closed(
            String customer,
            String conversation,
            Channel channel,
            double sentiment,
            int count,
            long ts) {
        ConversationClosed c = new ConversationClosed();
        c.tenant = "acme";
        c.conversationId = conversation;
        c.customerId = customer;
        c.channel = channel;
        c.customerSentiment = sentiment;
        c.customerMessages = count;
        c.intent = "cancel_order";
        c.ts = ts;
        return CustomerEvent.of(CustomerEvent.customerKey("acme", customer, conversation), c);
    }

    private void send(ConversationUpdate u) throws Exception {
        send(CustomerEvent.of(u));
    }

    private void send(CustomerEvent e) throws Exception {
        long ts = e.update != null ? e.update.ts : e.closed != null ? e.closed.ts : e.erase.ts;
        harness.processElement(new StreamRecord<>(e, ts));
    }

    private List<EscalationDecision> decisions(String conversation) {
        return harness.extractOutputValues().stream()
                .filter(d -> d.conversationId.equals(conversation))
                .toList();
    }

    private List<RoutingSignal> signals() {
        var out = harness.getSideOutput(DecideEscalation.ROUTING);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private EscalationLevel lastLevel(String conversation) {
        List<EscalationDecision> d = decisions(conversation);
        return d.get(d.size() - 1).level;
    }

    /** A chat that ends at alert or above. */
    private void angryChat(String customer, String conversation) throws Exception {
        send(update(customer, conversation, Channel.CHAT, "m1", -0.9, -0.9, 1, 1, 1_000));
        send(update(customer, conversation, Channel.CHAT, "m2", -0.5, -0.7, 2, 2, 2_000));
        EscalationLevel reached = lastLevel(conversation);
        assertTrue(
                reached == EscalationLevel.ALERT || reached == EscalationLevel.ESCALATE,
                reached.toString());
        send(closed(customer, conversation, Channel.CHAT, -0.7, 2, 3_000));
    }

    @Test
    void aCallAfterAChatThatEndedBadlyStartsAtWatchAndRoutingHearsTheHistory() throws Exception {
        angryChat("cust-1", "chat-1");

        ConversationUpdate first =
                update("cust-1", "call-1", Channel.VOICE, "v1", 0.0, 0.0, 0, 1, 3_600_000);
        first.intent = "cancel_order";
        first.intentConfidence = 0.95;
        send(first);
        List<EscalationDecision> call = decisions("call-1");
        assertEquals(1, call.size());
        assertEquals(EscalationLevel.WATCH, call.get(0).level);
        assertEquals(EscalationLevel.NONE, call.get(0).previousLevel);
        assertEquals(List.of(ReasonCode.PREVIOUS_CONTACT_ENDED_BADLY), call.get(0).reasons);
        assertEquals(Channel.VOICE, call.get(0).channel);

        RoutingSignal intent =
                signals().stream()
                        .filter(s -> s.kind == RoutingSignal.Kind.INTENT)
                        .findFirst()
                        .orElseThrow();
        assertEquals("call-1", intent.conversationId);
        assertEquals(EscalationLevel.WATCH, intent.level);
        PriorContact chat = intent.history.get(0);
        assertEquals("chat-1", chat.conversationId);
        assertEquals(Channel.CHAT, chat.channel);
        assertEquals("cancel_order", chat.intent);
        assertEquals(lastLevel("chat-1"), chat.closingLevel);
        assertEquals(lastLevel("chat-1"), chat.peakLevel);
        assertEquals(-0.7, chat.closingSentiment);

        // A calm caller then recovers from the inherited watch, as from any other.
        send(update("cust-1", "call-1", Channel.VOICE, "v2", 0.9, 0.6, 0, 2, 3_601_000));
        send(update("cust-1", "call-1", Channel.VOICE, "v3", 0.9, 0.8, 0, 3, 3_602_000));
        assertEquals(EscalationLevel.RECOVERED, lastLevel("call-1"));
    }

    @Test
    void aContactThatEndedWellLeavesHistoryButNoWatch() throws Exception {
        send(update("cust-2", "chat-2", Channel.CHAT, "m1", 0.8, 0.8, 0, 1, 1_000));
        send(closed("cust-2", "chat-2", Channel.CHAT, 0.8, 1, 2_000));
        ConversationUpdate first =
                update("cust-2", "call-2", Channel.VOICE, "v1", 0.1, 0.1, 0, 1, 10_000);
        first.intent = "unknown";
        send(first);
        assertTrue(decisions("call-2").isEmpty());
        RoutingSignal intent =
                signals().stream()
                        .filter(s -> s.kind == RoutingSignal.Kind.INTENT)
                        .findFirst()
                        .orElseThrow();
        assertEquals(1, intent.history.size());
        assertEquals(EscalationLevel.NONE, intent.history.get(0).closingLevel);
    }

    @Test
    void anUnknownCustomerHasNoHistoryAndTheHistoryKeepsTheNewestContacts() throws Exception {
        angryChat(null, "anon-1");
        send(update(null, "anon-2", Channel.CHAT, "m1", 0.0, 0.0, 0, 1, 3_600_000));
        assertTrue(
                decisions("anon-2").isEmpty(), "conversations of unknown customers share nothing");

        for (int i = 1; i <= 5; i++) {
            send(update("cust-3", "c-" + i, Channel.CHAT, "m1", 0.5, 0.5, 0, 1, i * 10_000L));
            send(closed("cust-3", "c-" + i, Channel.CHAT, 0.5, 1, i * 10_000L + 1));
        }
        ConversationUpdate next =
                update("cust-3", "c-6", Channel.CHAT, "m1", 0.5, 0.5, 0, 1, 100_000);
        next.intent = "unknown";
        send(next);
        RoutingSignal intent =
                signals().stream()
                        .filter(
                                s ->
                                        s.kind == RoutingSignal.Kind.INTENT
                                                && s.conversationId.equals("c-6"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                List.of("c-5", "c-4", "c-3"),
                intent.history.stream().map(c -> c.conversationId).toList(),
                "newest first, at most 3");
    }

    @Test
    void anEraseRequestClearsTheCustomersHistoryAndConversationsAndReportsThem() throws Exception {
        angryChat("cust-4", "chat-4");
        send(update("cust-4", "chat-5", Channel.CHAT, "m1", -0.9, -0.9, 1, 1, 3_600_000));

        ConversationEvent erase = new ConversationEvent();
        erase.type = EventType.ERASE;
        erase.tenant = "acme";
        erase.customerId = "cust-4";
        erase.requestId = "gdpr-1";
        erase.ts = 3_700_000;
        send(CustomerEvent.erase(erase));
        ErasurePart part = harness.getSideOutput(DecideEscalation.ERASURES).poll().getValue();
        assertEquals(List.of("chat-4", "chat-5"), part.conversations);
        // The customer's key is held by one instance: its stage sends one part.
        assertEquals(ErasurePart.CUSTOMER, part.stage);
        assertEquals(1, part.parts);
        assertEquals("gdpr-1", part.requestId);

        ConversationUpdate again =
                update("cust-4", "call-4", Channel.VOICE, "v1", 0.0, 0.0, 0, 1, 3_800_000);
        send(again);
        assertTrue(
                decisions("call-4").isEmpty(),
                "the erased chat no longer makes the call start at watch");
    }
}
