package dev.switchboard.operators.records;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import dev.switchboard.operators.conversation.ConversationState;
import dev.switchboard.operators.escalation.EscalationState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every record and state type is a Flink POJO: no Kryo on the hot path, and state that can evolve.
 * The two records that cross the network for every message, {@code ConversationEvent} and {@code
 * CustomerEvent}, have wire formats of their own instead ({@code WireFormatsTest}).
 */
class RecordsArePojosTest {
    @ParameterizedTest
    @ValueSource(
            classes = {
                RawRecord.class,
                Sentiment.class,
                ScoredMessage.class,
                ConversationUpdate.class,
                ConversationClosed.class,
                ConversationSummary.class,
                DeadLetter.class,
                Evidence.class,
                EscalationDecision.class,
                RoutingDecision.class,
                ErasurePart.class,
                ErasureReceipt.class,
                ConversationState.class,
                EscalationState.class,
                PolicyUpdate.class,
                QueueStatus.class,
                PriorContact.class,
                RoutingSignal.class,
                dev.switchboard.operators.routing.RoutingState.class,
                dev.switchboard.operators.escalation.CustomerHistory.class,
                dev.switchboard.operators.escalation.EscalationPolicy.class,
                dev.switchboard.operators.escalation.TenantPolicies.class,
                ComplaintSignal.class,
                AgentSignal.class,
                Insight.class,
                InsightExample.class,
                dev.switchboard.operators.insights.InsightPolicy.class,
                dev.switchboard.operators.insights.SurgeState.class,
                dev.switchboard.operators.insights.StrainState.class
            })
    void isSerializedAsPojoWithoutKryo(Class<?> type) {
        assertSerializedAsPojoWithoutKryo(type);
    }
}
