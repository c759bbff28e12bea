package dev.switchboard.pipeline;

import dev.switchboard.operators.conversation.TrackConversation;
import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.erasure.CollectErasureReceipt;
import dev.switchboard.operators.parse.ContractParser;
import dev.switchboard.operators.parse.ParseMessage;
import dev.switchboard.operators.parse.ParsePolicy;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.ErasureReceipt;
import dev.switchboard.operators.time.ControlWatermarks;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import dev.switchboard.models.privacy.Redactor;
import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.operators.score.ScoreSentiment;
import dev.switchboard.operators.time.HeartbeatWatermarks;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The Switchboard topology, independent of where records come from and go to:
 *
 * <pre>
 * messages -> parse -> event time -> score -> keyBy(tenant/conversation) -> track conversation -> decide escalation -> escalations
 *               |                       |                                   ^    |    |                  ^       |
 *          dead letters              scores      control -> parse -> broadcast    |    summaries          |       shadow escalations
 *                                                                                 |      policies -> parse -> broadcast
 *                                                     erasure parts -> keyBy(request) -> receipts (audit)
 * </pre>
 *
 * The cluster job, the demo and the tests all call {@link #define}; it reads no flags, files or
 * environment. Track and decide share the key (the update stream is re-interpreted as keyed, a
 * forward connection), so a message is shuffled once; decide is not chained to track because it
 * has a second (broadcast) input.
 */
public final class Workflow {
    private Workflow() {}

    /**
     * The raw records of the input topics.
     *
     * @param messages the messages topic
     * @param control the control topic (erase requests)
     * @param policies the policies topic (tenants' escalation policies)
     */
    public record Inputs(DataStream<RawRecord> messages, DataStream<RawRecord> control, DataStream<RawRecord> policies) {}

    /** Where each output stream goes. */
    public record Outputs(
            Consumer<DataStream<ScoredMessage>> scores,
            Consumer<DataStream<EscalationDecision>> escalations,
            Consumer<DataStream<EscalationDecision>> shadowEscalations,
            Consumer<DataStream<ConversationSummary>> summaries,
            Consumer<DataStream<DeadLetter>> deadLetters,
            Consumer<DataStream<ErasureReceipt>> audit) {}

    public static void define(Inputs inputs, SwitchboardConfig config, Outputs outputs) {
        TenantRedactors redactors = config.redactors();
        // A dead letter's tenant is not known (it may not even parse): every tenant's patterns apply.
        Redactor deadLetterRedactor = config.redactDeadLetters() ? redactors.union() : null;
        SingleOutputStreamOperator<ConversationEvent> parsed =
                inputs.messages().process(new ParseMessage(config.maxTextBytes(), ContractParser.MESSAGES_TOPIC, deadLetterRedactor))
                        .uid(OperatorIds.PARSE)
                        .name("Parse messages");

        SingleOutputStreamOperator<ConversationEvent> controlCommands =
                inputs.control().process(new ParseMessage(config.maxTextBytes(), ContractParser.CONTROL_TOPIC, deadLetterRedactor))
                        .uid(OperatorIds.PARSE_CONTROL)
                        .name("Parse control commands");
        BroadcastStream<ConversationEvent> broadcastControl =
                controlCommands.assignTimestampsAndWatermarks(ControlWatermarks.<ConversationEvent>strategy())
                        .uid(OperatorIds.CONTROL_TIME)
                        .name("Control commands without event time")
                        .broadcast(TrackConversation.CONTROL);

        SingleOutputStreamOperator<PolicyUpdate> policyUpdates =
                inputs.policies().process(new ParsePolicy()).uid(OperatorIds.PARSE_POLICIES).name("Parse policies");
        BroadcastStream<PolicyUpdate> broadcastPolicies =
                policyUpdates.assignTimestampsAndWatermarks(ControlWatermarks.<PolicyUpdate>strategy())
                        .uid(OperatorIds.POLICIES_TIME)
                        .name("Policies without event time")
                        .broadcast(DecideEscalation.POLICIES);

        SingleOutputStreamOperator<ConversationEvent> timed =
                parsed.assignTimestampsAndWatermarks(
                                HeartbeatWatermarks.strategy(
                                        config.maxOutOfOrderness(), config.sourceIdleness(), config.heartbeatAfter()))
                        .uid(OperatorIds.EVENT_TIME)
                        .name("Assign event time");

        SingleOutputStreamOperator<ConversationEvent> scored =
                timed.process(new ScoreSentiment(config.tenantLanguages())).uid(OperatorIds.SCORE).name("Score sentiment");

        SingleOutputStreamOperator<ConversationUpdate> updates =
                scored.keyBy(ConversationEvent::conversationKey)
                        .connect(broadcastControl)
                        .process(new TrackConversation(
                                config.idleTimeout(), config.longWait(), config.stateTtl(), config.sentimentSmoothing(), config.trendWindow()))
                        .uid(OperatorIds.TRACK_CONVERSATION)
                        .name("Track conversation");

        KeyedStream<ConversationUpdate, String> updatesByConversation =
                DataStreamUtils.reinterpretAsKeyedStream(updates, u -> u.tenant + "/" + u.conversationId);
        SingleOutputStreamOperator<EscalationDecision> escalations =
                updatesByConversation
                        .connect(broadcastPolicies)
                        .process(new DecideEscalation(config.policy(), config.tenantPolicies(), redactors, config.stateTtl()))
                        .uid(OperatorIds.DECIDE_ESCALATION)
                        .name("Decide escalation");

        SingleOutputStreamOperator<ErasureReceipt> receipts =
                updates.getSideOutput(TrackConversation.ERASURES)
                        .keyBy(part -> part.requestId)
                        .process(new CollectErasureReceipt(config.stateTtl()))
                        .uid(OperatorIds.COLLECT_ERASURE_RECEIPT)
                        .name("Collect erasure receipts");

        outputs.deadLetters().accept(
                parsed.getSideOutput(ParseMessage.DEAD_LETTERS)
                        .union(controlCommands.getSideOutput(ParseMessage.DEAD_LETTERS), policyUpdates.getSideOutput(ParseMessage.DEAD_LETTERS)));
        outputs.audit().accept(receipts);
        outputs.scores().accept(scored.getSideOutput(ScoreSentiment.SCORES));
        outputs.summaries().accept(updates.getSideOutput(TrackConversation.SUMMARIES));
        outputs.escalations().accept(escalations);
        outputs.shadowEscalations().accept(escalations.getSideOutput(DecideEscalation.SHADOW));
    }
}
