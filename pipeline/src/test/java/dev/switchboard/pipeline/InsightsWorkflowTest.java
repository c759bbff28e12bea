package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.pipeline.backtest.LocalQueueSink;
import dev.switchboard.pipeline.config.JobOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Complaint surges and agent strain through the real topology (MiniCluster, parallelism 2, RocksDB)
 * over hours of simulated traffic of one tenant: refund and delivery complaints at a steady rate,
 * calm conversations, then three times the refund complaints for half an hour; and one agent who
 * takes a run of hostile customers, then calm ones.
 */
class InsightsWorkflowTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    private static final long MINUTE = 60_000;
    private static final long START = 1_780_000_000_000L - 1_780_000_000_000L % (60 * MINUTE);
    private static final long SURGE_FROM = START + 180 * MINUTE;
    private static final long SURGE_TO = SURGE_FROM + 30 * MINUTE;
    private static final long END = SURGE_TO + 60 * MINUTE;
    private static final long STRAIN_FROM = START + 60 * MINUTE;

    private static final String REFUND =
            "Where is my refund? It has been three weeks and I still have no money back.";
    private static final String DELIVERY =
            "When will my package arrive? It is late again and I am fed up.";
    private static final String CALM = "Hi, can you tell me when my package will arrive?";
    private static final String ANGRY = "This is unacceptable, I am really angry.";
    private static final String THANKS = "Great, thank you for your help!";
    private static final String AGENT = "Let me check that for you.";

    @TempDir Path tmp;

    private final List<RawRecord> records = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final Set<String> refundConversations = new TreeSet<>();
    private final Random random = new Random(5);
    private int sequence;

    @Test
    void aRefundSurgeOpensAndClosesWithoutTouchingDeliveryAndAStrainedAgentRecovers()
            throws Exception {
        traffic();
        List<Insight> insights = run(options(), false);

        List<Insight> surges =
                insights.stream().filter(i -> i.kind == Insight.Kind.COMPLAINT_SURGE).toList();
        assertTrue(
                surges.stream().allMatch(i -> i.topic.equals("track_refund")),
                "only the refund topic surges: " + surges);
        Insight opened = phase(surges, Insight.Phase.OPENED);
        assertEquals(1, surges.stream().filter(i -> i.phase == Insight.Phase.OPENED).count());
        assertTrue(
                opened.ts >= SURGE_FROM && opened.ts < SURGE_FROM + 15 * MINUTE,
                "opened " + (opened.ts - SURGE_FROM) / 1000 + " s after the rise");
        assertTrue(opened.count >= 6 && opened.factor >= 2, opened.toString());
        for (var example : opened.examples) {
            assertTrue(
                    refundConversations.contains(example.conversationId), example.conversationId);
        }
        Insight closed = phase(surges, Insight.Phase.CLOSED);
        assertEquals(opened.episodeId, closed.episodeId);
        assertTrue(
                closed.ts > SURGE_TO && closed.ts < END,
                "closed by its window, not by the end of the input");

        List<Insight> strain =
                insights.stream().filter(i -> i.kind == Insight.Kind.AGENT_STRAIN).toList();
        assertTrue(strain.stream().allMatch(i -> i.agentId.equals("agent-9")), strain.toString());
        Insight raised = phase(strain, Insight.Phase.OPENED);
        assertTrue(
                raised.ts > STRAIN_FROM && raised.ts < STRAIN_FROM + 20 * MINUTE,
                raised.toString());
        assertTrue(raised.difficultRun >= 3, raised.toString());
        Insight recovered = phase(strain, Insight.Phase.CLOSED);
        assertTrue(recovered.ts > raised.ts && recovered.ts < END, recovered.toString());
        assertEquals(
                insights.size(), insights.stream().map(i -> i.id).distinct().count(), "unique ids");
    }

    @Test
    void aTaskFailureMidwayLosesNoneOfTheDetectorsStateAndChangesNoInsight() throws Exception {
        traffic();
        List<Insight> first = run(options(), false);
        Set<String> uninterrupted = ids(first);
        FailAfterACheckpoint.reset();
        List<Insight> second = run(options(), true);
        Set<String> restored = ids(second);
        assertEquals(1, FailAfterACheckpoint.FAILURES.get(), "the job failed once and restored");
        // Baselines, open surges and strain, pending complaints and timers all came back from the
        // checkpoint: the same insights, with the same ids (a replay may repeat some, same id).
        assertEquals(uninterrupted, restored);
        assertTrue(uninterrupted.size() >= 4, uninterrupted.toString());
    }

    private static Set<String> ids(List<Insight> insights) {
        return insights.stream()
                .map(i -> i.id)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /**
     * Lets the first half of the input through, then, once a checkpoint has completed past it,
     * fails the task once. Records are held back a millisecond each while it waits, so the bounded
     * input does not end before a checkpoint.
     */
    static final class FailAfterACheckpoint
            implements org.apache.flink.api.common.functions.MapFunction<RawRecord, RawRecord>,
                    org.apache.flink.api.common.state.CheckpointListener {
        static final java.util.concurrent.atomic.AtomicInteger FAILURES =
                new java.util.concurrent.atomic.AtomicInteger();
        static final java.util.concurrent.atomic.AtomicLong HALF =
                new java.util.concurrent.atomic.AtomicLong();
        static final java.util.concurrent.atomic.AtomicBoolean CHECKPOINTED_PAST_HALF =
                new java.util.concurrent.atomic.AtomicBoolean();
        private transient boolean pastHalf;

        static void reset() {
            FAILURES.set(0);
            CHECKPOINTED_PAST_HALF.set(false);
        }

        @Override
        public RawRecord map(RawRecord r) throws Exception {
            if (FAILURES.get() == 0 && r.offset >= HALF.get()) {
                pastHalf = true;
                if (CHECKPOINTED_PAST_HALF.get()) {
                    FAILURES.incrementAndGet();
                    throw new IllegalStateException("injected failure at offset " + r.offset);
                }
                Thread.sleep(1);
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (pastHalf) {
                CHECKPOINTED_PAST_HALF.set(true);
            }
        }
    }

    /**
     * Complaints at a steady 60 an hour for each topic, calm conversations at 60 an hour, three
     * times the refund complaints for half an hour; and one agent who takes four hostile customers
     * in a row (two hostile messages each), then three calm ones.
     */
    private void traffic() {
        for (long t = START; t < END; t += MINUTE) {
            boolean surge = t >= SURGE_FROM && t < SURGE_TO;
            arrivals(t, surge ? 3.0 : 1.0, REFUND, true);
            arrivals(t, 1.0, DELIVERY, true);
            arrivals(t, 1.0, CALM, false);
        }
        for (int k = 0; k < 7; k++) {
            conversation(STRAIN_FROM + k * 4 * MINUTE, k < 4 ? ANGRY : CALM, k < 4, "agent-9");
        }
    }

    /** The default policy: the first two hours teach each topic its baseline. */
    private JobOptions options() {
        JobOptions options = WorkflowTest.testOptions(tmp, "unused:9092");
        options.routing.routingFile = Path.of("src/main/resources/demo/routing.json");
        return options;
    }

    private static Insight phase(List<Insight> insights, Insight.Phase phase) {
        return insights.stream()
                .filter(i -> i.phase == phase)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + phase + " in " + insights));
    }

    /**
     * Conversations starting in the minute from {@code t}: Poisson, {@code perMinute} on average.
     */
    private void arrivals(long t, double perMinute, String opening, boolean complaint) {
        double limit = Math.exp(-perMinute);
        double product = random.nextDouble();
        while (product > limit) {
            conversation(t + random.nextInt(60_000), opening, complaint, null);
            product *= random.nextDouble();
        }
    }

    private void conversation(long ts, String opening, boolean complaint, String agentId) {
        String id = "c-" + sequence++;
        if (opening.equals(REFUND)) {
            refundConversations.add(id);
        }
        String[][] turns = {
            {"customer", opening}, {"agent", AGENT}, {"customer", complaint ? ANGRY : THANKS}
        };
        for (int m = 0; m < turns.length; m++) {
            String agent =
                    turns[m][0].equals("agent") && agentId != null
                            ? ",\"agentId\":\"" + agentId + "\""
                            : "";
            add(
                    id,
                    "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\""
                            + id
                            + "\",\"messageId\":\"m"
                            + m
                            + "\",\"customerId\":\"cust-"
                            + id
                            + "\",\"channel\":\"chat\",\"role\":\""
                            + turns[m][0]
                            + "\""
                            + agent
                            + ",\"text\":\""
                            + turns[m][1]
                            + "\",\"ts\":"
                            + (ts + m * 20_000L)
                            + "}");
        }
        add(
                id,
                "{\"v\":1,\"type\":\"conversation.ended\",\"tenant\":\"acme\",\"conversationId\":\""
                        + id
                        + "\",\"customerId\":\"cust-"
                        + id
                        + "\",\"channel\":\"chat\",\"ts\":"
                        + (ts + 60_000L)
                        + "}");
    }

    private void add(String conversationId, String json) {
        records.add(
                new RawRecord("switchboard.messages", 0, 0, json.getBytes(StandardCharsets.UTF_8)));
        keys.add("acme/" + conversationId);
    }

    private List<Insight> run(JobOptions options, boolean failMidway) throws Exception {
        var config = options.toConfig();
        StreamExecutionEnvironment env = TestClusters.environment(config);
        // In event-time order, as the platform would send them, offsets numbering that order.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> ts(records.get(i))));
        List<RawRecord> raw = new ArrayList<>();
        List<String> rawKeys = new ArrayList<>();
        for (int i : order) {
            raw.add(new RawRecord("switchboard.messages", 0, raw.size(), records.get(i).value));
            rawKeys.add(keys.get(i));
        }
        LocalQueueSink<Insight> insights = new LocalQueueSink<>();
        FailAfterACheckpoint.HALF.set(raw.size() / 2);
        var source = env.fromData(raw).uid("test-source");
        if (failMidway) {
            // Chained to the source (parallelism 1): a shuffle here would reorder conversations.
            source =
                    source.map(new FailAfterACheckpoint())
                            .setParallelism(1)
                            .uid("fail-after-a-checkpoint");
        }
        Workflow.define(
                WorkflowTest.inputs(
                        source.partitionCustom(
                                (key, n) -> Math.floorMod(key.hashCode(), n),
                                r -> rawKeys.get((int) r.offset)),
                        env),
                config,
                new Workflow.Outputs(
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-scores"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-escalations"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-shadow-escalations"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-summaries"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-dead-letters"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-audit"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-routing"),
                        s -> s.sinkTo(insights).uid("test-insights")));
        env.execute("insights-test");
        List<Insight> received = new ArrayList<>(insights.received());
        received.sort(Comparator.comparingLong(i -> i.ts));
        return received;
    }

    private static long ts(RawRecord r) {
        String json = new String(r.value, StandardCharsets.UTF_8);
        int at = json.lastIndexOf("\"ts\":") + 5;
        return Long.parseLong(json.substring(at, json.indexOf('}', at)));
    }
}
