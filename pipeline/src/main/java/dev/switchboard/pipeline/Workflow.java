package dev.switchboard.pipeline;

import dev.switchboard.models.privacy.Redactor;
import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.operators.conversation.TrackConversation;
import dev.switchboard.operators.erasure.CollectErasureReceipt;
import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.escalation.DecisiveTurns;
import dev.switchboard.operators.insights.DetectComplaintSurges;
import dev.switchboard.operators.insights.WatchAgentStrain;
import dev.switchboard.operators.meaning.MeaningSettings;
import dev.switchboard.operators.meaning.ReadMeaning;
import dev.switchboard.operators.meaning.ReadMeaningOperator;
import dev.switchboard.operators.parse.ContractParser;
import dev.switchboard.operators.parse.ParseMessage;
import dev.switchboard.operators.parse.ParsePolicy;
import dev.switchboard.operators.parse.ParseQueueStatus;
import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.records.ErasureReceipt;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.QueueStatus;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.operators.records.RoutingDecision;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.operators.routing.RouteConversation;
import dev.switchboard.operators.score.ScoreSentiment;
import dev.switchboard.operators.time.ControlWatermarks;
import dev.switchboard.operators.time.HeartbeatWatermarks;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The Switchboard topology, independent of where records come from and go to: parse, event time,
 * score, track the conversation (keyed by conversation), decide escalation (keyed by customer),
 * route (keyed by conversation), detect complaint surges (keyed by tenant and topic) and agent
 * strain (keyed by tenant and agent), with erase requests broadcast to the conversation state and
 * keyed to the customer state, and their receipts collected by request. operators/README.md draws
 * it.
 *
 * <p>The cluster job, the demo and the tests all call {@link #define}; it reads no flags, files or
 * environment. Decide is keyed by customer, not conversation: the customer's history of past
 * contacts lives there, beside the conversations it shapes (a call after a chat that ended badly
 * starts at watch), which a separate customer operator could only do through a cycle. Routing hears
 * of a conversation a few times (intent, level changes, close), never per message.
 */
public final class Workflow {
    private Workflow() {}

    /**
     * The raw records of the input topics.
     *
     * @param messages the messages topic
     * @param control the control topic (erase requests)
     * @param policies the policies topic (tenants' escalation policies)
     * @param queueStatus the queue-status topic (live load of the tenants' queues), or null for
     *     none
     */
    public record Inputs(
            DataStream<RawRecord> messages,
            DataStream<RawRecord> control,
            DataStream<RawRecord> policies,
            DataStream<RawRecord> queueStatus) {
        /** Without a queue-status feed: routing then always takes the tenants' fallback queues. */
        public Inputs(
                DataStream<RawRecord> messages,
                DataStream<RawRecord> control,
                DataStream<RawRecord> policies) {
            this(messages, control, policies, null);
        }
    }

    /** Where each output stream goes. */
    public record Outputs(
            Consumer<DataStream<ScoredMessage>> scores,
            Consumer<DataStream<EscalationDecision>> escalations,
            Consumer<DataStream<EscalationDecision>> shadowEscalations,
            Consumer<DataStream<ConversationSummary>> summaries,
            Consumer<DataStream<DeadLetter>> deadLetters,
            Consumer<DataStream<ErasureReceipt>> audit,
            Consumer<DataStream<RoutingDecision>> routing,
            Consumer<DataStream<Insight>> insights) {
        /** Without a sink for insights (the detectors still run; their output goes nowhere). */
        public Outputs(
                Consumer<DataStream<ScoredMessage>> scores,
                Consumer<DataStream<EscalationDecision>> escalations,
                Consumer<DataStream<EscalationDecision>> shadowEscalations,
                Consumer<DataStream<ConversationSummary>> summaries,
                Consumer<DataStream<DeadLetter>> deadLetters,
                Consumer<DataStream<ErasureReceipt>> audit,
                Consumer<DataStream<RoutingDecision>> routing) {
            this(
                    scores,
                    escalations,
                    shadowEscalations,
                    summaries,
                    deadLetters,
                    audit,
                    routing,
                    insights -> {});
        }

        /**
         * Without a sink for routing decisions (the routing operator still runs; its output goes
         * nowhere).
         */
        public Outputs(
                Consumer<DataStream<ScoredMessage>> scores,
                Consumer<DataStream<EscalationDecision>> escalations,
                Consumer<DataStream<EscalationDecision>> shadowEscalations,
                Consumer<DataStream<ConversationSummary>> summaries,
                Consumer<DataStream<DeadLetter>> deadLetters,
                Consumer<DataStream<ErasureReceipt>> audit) {
            this(
                    scores,
                    escalations,
                    shadowEscalations,
                    summaries,
                    deadLetters,
                    audit,
                    routing -> {},
                    insights -> {});
        }
    }

    public static void define(Inputs inputs, SwitchboardConfig config, Outputs outputs) {
        TenantRedactors redactors = config.redactors();
        // A dead letter's tenant is not known (it may not even parse): every tenant's patterns
        // apply.
        Redactor deadLetterRedactor =
                config.privacy().redactDeadLetters() ? redactors.union() : null;
        SingleOutputStreamOperator<ConversationEvent> parsed =
                inputs.messages()
                        .process(parser(config, ContractParser.MESSAGES_TOPIC, deadLetterRedactor))
                        .uid(OperatorIds.PARSE)
                        .name("Parse messages");
        SingleOutputStreamOperator<ConversationEvent> controlCommands =
                inputs.control()
                        .process(parser(config, ContractParser.CONTROL_TOPIC, deadLetterRedactor))
                        .uid(OperatorIds.PARSE_CONTROL)
                        .name("Parse control commands");
        DataStream<ConversationEvent> eraseRequests =
                withoutEventTime(
                        controlCommands,
                        OperatorIds.CONTROL_TIME,
                        "Control commands without event time");
        // Every instance of the conversation state may hold a conversation of the customer, so
        // they all hear the request; the customer-level state is keyed by the customer the
        // request names, so it goes there directly.
        BroadcastStream<ConversationEvent> broadcastControl =
                eraseRequests.broadcast(TrackConversation.CONTROL);
        DataStream<CustomerEvent> erasuresToCustomers =
                eraseRequests
                        .map(CustomerEvent::erase)
                        .uid(OperatorIds.ERASE_TO_CUSTOMER)
                        .name("Erase requests to customer state");

        SingleOutputStreamOperator<PolicyUpdate> policyUpdates =
                inputs.policies()
                        .process(new ParsePolicy())
                        .uid(OperatorIds.PARSE_POLICIES)
                        .name("Parse policies");
        BroadcastStream<PolicyUpdate> broadcastPolicies =
                withoutEventTime(
                                policyUpdates,
                                OperatorIds.POLICIES_TIME,
                                "Policies without event time")
                        .broadcast(DecideEscalation.POLICIES);

        SingleOutputStreamOperator<ConversationEvent> timed =
                parsed.assignTimestampsAndWatermarks(
                                HeartbeatWatermarks.strategy(
                                        config.eventTime().maxOutOfOrderness(),
                                        config.eventTime().sourceIdleness(),
                                        config.eventTime().heartbeatAfter()))
                        .uid(OperatorIds.EVENT_TIME)
                        .name("Assign event time");

        // Keyed by conversation from here on: scoring keeps each conversation's language, and the
        // conversation state reads the same partitioning without a second shuffle. Scoring hears
        // tenants' policies too (the decisive-turn marks follow them), with or without the tier,
        // so that turning it on or off keeps savepoints compatible.
        MeaningSettings meaning = config.scoring().meaning();
        SingleOutputStreamOperator<ConversationEvent> scored =
                timed.keyBy(ConversationEvent::conversationKey)
                        .connect(broadcastPolicies)
                        .process(
                                new ScoreSentiment(
                                        config.scoring().tenantLanguages(),
                                        config.scoring().sentimentModels(),
                                        config.conversations().stateTtl(),
                                        DecisiveTurns.configured(
                                                config.escalation().policy(),
                                                config.escalation().tenantPolicies()),
                                        meaning.enabled()
                                                && meaning.secondOpinionOnDecisiveTurns()))
                        .uid(OperatorIds.SCORE)
                        .name("Score sentiment");

        // The meaning tier reads a few messages per conversation off the per-message path (intents,
        // and a second opinion on the sentiment of decisive turns), in order (Flink's unordered
        // queue replays held events in no set order after a restore, which would reorder a
        // conversation; docs/performance.md has the price), and with nothing in flight at a
        // checkpoint (ReadMeaningOperator: a rescale would deal such events out by no key). It is
        // in the topology of every job with routing, on or off (off, it passes every event), so
        // that turning it on or off keeps savepoints compatible, and of every job with the tier
        // on; a job with neither does without it, since even passing events through Flink's async
        // step costs latency (docs/performance.md; docs/operations.md says how to turn the tier
        // off there). Same parallelism, chained: the partitioning by conversation holds.
        DataStream<ConversationEvent> read = scored;
        if (!config.routing().tenants().isEmpty() || meaning.enabled()) {
            read =
                    scored.transform(
                                    "Read meaning",
                                    scored.getType(),
                                    new ReadMeaningOperator.Factory(
                                            new ReadMeaning(config.routing(), meaning),
                                            meaning.capacity()))
                            .uid(OperatorIds.READ_MEANING)
                            .name("Read meaning");
        }

        SingleOutputStreamOperator<CustomerEvent> updates =
                DataStreamUtils.reinterpretAsKeyedStream(read, ConversationEvent::conversationKey)
                        .connect(broadcastControl)
                        .process(
                                new TrackConversation(
                                        config.conversations().idleTimeout(),
                                        config.conversations().longWait(),
                                        config.conversations().stateTtl(),
                                        config.conversations().sentimentSmoothing(),
                                        config.conversations().trendWindow(),
                                        config.routing()))
                        .uid(OperatorIds.TRACK_CONVERSATION)
                        .name("Track conversation");

        SingleOutputStreamOperator<EscalationDecision> escalations =
                updates.union(erasuresToCustomers)
                        .keyBy(e -> e.customerKey)
                        .connect(broadcastPolicies)
                        .process(
                                new DecideEscalation(
                                        config.escalation().policy(),
                                        config.escalation().tenantPolicies(),
                                        redactors,
                                        config.conversations().stateTtl(),
                                        config.routing().customerHistoryTtl(),
                                        config.routing().historySize(),
                                        config.scoring().sentimentModels()))
                        .uid(OperatorIds.DECIDE_ESCALATION)
                        .name("Decide escalation");

        SingleOutputStreamOperator<ErasureReceipt> receipts =
                updates.getSideOutput(TrackConversation.ERASURES)
                        .union(escalations.getSideOutput(DecideEscalation.ERASURES))
                        .keyBy(part -> part.requestId)
                        .process(
                                new CollectErasureReceipt(
                                        config.conversations().stateTtl(),
                                        Set.of(ErasurePart.CONVERSATIONS, ErasurePart.CUSTOMER)))
                        .uid(OperatorIds.COLLECT_ERASURE_RECEIPT)
                        .name("Collect erasure receipts");

        DataStream<RawRecord> queueStatusInput =
                inputs.queueStatus() != null
                        ? inputs.queueStatus()
                        : noQueueStatus(inputs.policies());
        SingleOutputStreamOperator<QueueStatus> queueStatus =
                queueStatusInput
                        .process(new ParseQueueStatus(config.routing()))
                        .uid(OperatorIds.PARSE_QUEUE_STATUS)
                        .name("Parse queue status");
        BroadcastStream<QueueStatus> broadcastQueues =
                withoutEventTime(
                                queueStatus,
                                OperatorIds.QUEUE_STATUS_TIME,
                                "Queue status without event time")
                        .broadcast(RouteConversation.QUEUES);
        SingleOutputStreamOperator<RoutingDecision> routing =
                escalations
                        .getSideOutput(DecideEscalation.ROUTING)
                        .keyBy(r -> r.tenant + "/" + r.conversationId)
                        .connect(broadcastQueues)
                        .process(
                                new RouteConversation(
                                        config.routing(), config.conversations().stateTtl()))
                        .uid(OperatorIds.ROUTE_CONVERSATION)
                        .name("Route conversation");

        // Across conversations: complaints by tenant and topic, agents' contacts by tenant and
        // agent. Both hear only decisions and closes, never the per-message stream.
        SingleOutputStreamOperator<Insight> surges =
                escalations
                        .getSideOutput(DecideEscalation.COMPLAINTS)
                        .keyBy(ComplaintSignal::surgeKey)
                        .connect(broadcastPolicies)
                        .process(
                                new DetectComplaintSurges(
                                        config.escalation().policy(),
                                        config.escalation().tenantPolicies()))
                        .uid(OperatorIds.DETECT_COMPLAINT_SURGES)
                        .name("Detect complaint surges");
        SingleOutputStreamOperator<Insight> strain =
                escalations
                        .getSideOutput(DecideEscalation.AGENT_SIGNALS)
                        .keyBy(AgentSignal::agentKey)
                        .connect(broadcastPolicies)
                        .process(
                                new WatchAgentStrain(
                                        config.escalation().policy(),
                                        config.escalation().tenantPolicies()))
                        .uid(OperatorIds.WATCH_AGENT_STRAIN)
                        .name("Watch agent strain");

        outputs.deadLetters()
                .accept(
                        parsed.getSideOutput(ParseMessage.DEAD_LETTERS)
                                .union(
                                        controlCommands.getSideOutput(ParseMessage.DEAD_LETTERS),
                                        policyUpdates.getSideOutput(ParseMessage.DEAD_LETTERS),
                                        queueStatus.getSideOutput(ParseMessage.DEAD_LETTERS)));
        outputs.audit().accept(receipts);
        outputs.scores().accept(scored.getSideOutput(ScoreSentiment.SCORES));
        outputs.summaries().accept(updates.getSideOutput(TrackConversation.SUMMARIES));
        outputs.escalations().accept(escalations);
        outputs.shadowEscalations().accept(escalations.getSideOutput(DecideEscalation.SHADOW));
        outputs.routing().accept(routing);
        outputs.insights().accept(surges.union(strain));
    }

    private static ParseMessage parser(
            SwitchboardConfig config, Set<EventType> accepted, Redactor deadLetterRedactor) {
        return new ParseMessage(
                config.scoring().maxTextBytes(),
                accepted,
                deadLetterRedactor,
                config.privacy().customerPseudonyms());
    }

    /**
     * A stream applied on arrival, not in event time (control commands, policies, queue status): it
     * carries no watermark and is marked idle, so it never holds back the operators it feeds.
     */
    private static <T> SingleOutputStreamOperator<T> withoutEventTime(
            DataStream<T> stream, String uid, String name) {
        return stream.assignTimestampsAndWatermarks(ControlWatermarks.<T>strategy())
                .uid(uid)
                .name(name);
    }

    /**
     * An input without records, for runs without a queue-status feed. Derived from the (quiet)
     * policies input rather than an empty collection source: Flink 2.2's {@code fromData} of an
     * empty collection fails at run time.
     */
    private static DataStream<RawRecord> noQueueStatus(DataStream<RawRecord> policies) {
        return policies.filter(r -> false).uid(OperatorIds.NO_QUEUE_STATUS).name("No queue status");
    }
}
