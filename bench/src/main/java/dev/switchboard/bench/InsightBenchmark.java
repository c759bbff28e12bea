package dev.switchboard.bench;

import dev.switchboard.operators.insights.InsightPolicy;
import dev.switchboard.operators.insights.StrainMeter;
import dev.switchboard.operators.insights.StrainState;
import dev.switchboard.operators.insights.SurgeDetector;
import dev.switchboard.operators.insights.SurgeState;
import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.Insight;
import java.util.concurrent.TimeUnit;
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
 * The detectors' own cost per signal on one thread, without Flink's state access: a complaint
 * counted by the surge detector (one topic, 40 complaints an hour, the clock moving on 90 s a
 * complaint, so minutes are learned as they leave the ring) and an agent signal measured by the
 * strain meter. docs/performance.md turns them into a cost per message.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class InsightBenchmark {
    private final InsightPolicy policy = new InsightPolicy();
    private SurgeState surge;
    private StrainState strain;
    private long ts;
    private int sequence;

    @Setup(Level.Iteration)
    public void reset() {
        surge = new SurgeState();
        strain = new StrainState();
        ts = 1_780_000_000_000L;
    }

    @Benchmark
    public Insight complaint() {
        ts += 90_000;
        return SurgeDetector.record(
                surge, new ComplaintSignal("acme", "c", "track_refund", "excerpt", ts), policy);
    }

    @Benchmark
    public Insight agentSignal() {
        ts += 90_000;
        AgentSignal a =
                new AgentSignal(
                        (sequence++ & 1) == 0
                                ? AgentSignal.Kind.HOSTILE_MESSAGE
                                : AgentSignal.Kind.CONTACT_ENDED,
                        "acme",
                        "agent-3",
                        "c",
                        ts);
        return StrainMeter.record(strain, a, policy);
    }
}
