package dev.switchboard.bench;

import dev.switchboard.operators.conversation.ConversationState;
import dev.switchboard.operators.escalation.EscalationState;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.wire.PojoSerializers;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What keyed state costs to write and read back with Flink's POJO serializer, which the state
 * classes keep (their fields grow release by release): once per message for the conversation state
 * in Track conversation, once per customer message for the escalation state in Decide escalation,
 * besides RocksDB's own work. Sizes what a format of their own, as the per-message records have
 * ({@link WireFormatBenchmark}), would save (docs/performance.md).
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class KeyedStateBenchmark {
    private TypeSerializer<ConversationState> conversations;
    private TypeSerializer<EscalationState> escalations;
    private ConversationState conversation;
    private EscalationState escalation;
    private final SerializerRoundTrip roundTrip = new SerializerRoundTrip();

    @Setup(Level.Trial)
    public void setUp() {
        conversations = PojoSerializers.of(ConversationState.class);
        escalations = PojoSerializers.of(EscalationState.class);
        // A conversation a few turns in, with every string a customer's conversation has.
        conversation = new ConversationState();
        conversation.customerId = "customer-0042117";
        conversation.channel = Channel.values()[0];
        conversation.queue = "billing";
        conversation.customerTier = "gold";
        conversation.startedAt = 1_764_979_200_000L;
        conversation.lastActivityAt = conversation.startedAt + 95_000;
        conversation.idleTimerAt = conversation.lastActivityAt + 900_000;
        conversation.customerMessages = 4;
        conversation.agentMessages = 3;
        conversation.customerScored = 4;
        conversation.customerScoreSum = -1.4;
        conversation.customerSentiment = -0.35;
        conversation.customerSentimentMin = -0.8;
        conversation.negativeStreak = 2;
        conversation.recentScores = new float[] {-0.1f, -0.3f, -0.8f, -0.2f};
        conversation.customerKey = "acme/customer-0042117";
        conversation.language = "en";
        conversation.agentId = "agent-17";
        escalation = new EscalationState();
        escalation.level = EscalationLevel.WATCH;
        escalation.peakLevel = EscalationLevel.WATCH;
        escalation.negativeTurns = 2;
        escalation.intent = "refund";
        escalation.agentId = "agent-17";
        escalation.negativeSince = conversation.startedAt + 40_000;
    }

    @Benchmark
    public ConversationState conversationState() throws IOException {
        return roundTrip.of(conversations, conversation);
    }

    @Benchmark
    public EscalationState escalationState() throws IOException {
        return roundTrip.of(escalations, escalation);
    }
}
