package dev.switchboard.pipeline;

import dev.switchboard.operators.conversation.TrackConversation;
import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.parse.ParseMessage;
import dev.switchboard.models.privacy.Redactor;
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
 * input -> parse -> event time -> score -> keyBy(tenant/conversation) -> track conversation -> decide escalation
 *            |                       |                                       |                       |
 *       dead letters              scores                              summaries               escalations
 * </pre>
 *
 * The cluster job, the demo and the tests all call {@link #define}; it reads no flags, files or
 * environment. Track and decide share the key and run chained (the update stream is re-interpreted
 * as keyed), so a message crosses the network once.
 */
public final class Workflow {
    private Workflow() {}

    /** Where each output stream goes. */
    public record Outputs(
            Consumer<DataStream<ScoredMessage>> scores,
            Consumer<DataStream<EscalationDecision>> escalations,
            Consumer<DataStream<ConversationSummary>> summaries,
            Consumer<DataStream<DeadLetter>> deadLetters) {}

    public static void define(DataStream<RawRecord> input, SwitchboardConfig config, Outputs outputs) {
        SingleOutputStreamOperator<ConversationEvent> parsed =
                input.process(new ParseMessage(config.maxTextBytes(), config.redactDeadLetters() ? Redactor.defaults() : null))
                        .uid(OperatorIds.PARSE)
                        .name("Parse messages");

        SingleOutputStreamOperator<ConversationEvent> timed =
                parsed.assignTimestampsAndWatermarks(
                                HeartbeatWatermarks.strategy(
                                        config.maxOutOfOrderness(), config.sourceIdleness(), config.heartbeatAfter()))
                        .uid(OperatorIds.EVENT_TIME)
                        .name("Assign event time");

        SingleOutputStreamOperator<ConversationEvent> scored =
                timed.process(new ScoreSentiment()).uid(OperatorIds.SCORE).name("Score sentiment");

        SingleOutputStreamOperator<ConversationUpdate> updates =
                scored.keyBy(ConversationEvent::conversationKey)
                        .process(new TrackConversation(config.idleTimeout(), config.longWait(), config.stateTtl(), config.sentimentSmoothing()))
                        .uid(OperatorIds.TRACK_CONVERSATION)
                        .name("Track conversation");

        KeyedStream<ConversationUpdate, String> updatesByConversation =
                DataStreamUtils.reinterpretAsKeyedStream(updates, u -> u.tenant + "/" + u.conversationId);
        SingleOutputStreamOperator<EscalationDecision> escalations =
                updatesByConversation
                        .process(new DecideEscalation(config.policy(), config.stateTtl()))
                        .uid(OperatorIds.DECIDE_ESCALATION)
                        .name("Decide escalation");

        outputs.deadLetters().accept(parsed.getSideOutput(ParseMessage.DEAD_LETTERS));
        outputs.scores().accept(scored.getSideOutput(ScoreSentiment.SCORES));
        outputs.summaries().accept(updates.getSideOutput(TrackConversation.SUMMARIES));
        outputs.escalations().accept(escalations);
    }
}
