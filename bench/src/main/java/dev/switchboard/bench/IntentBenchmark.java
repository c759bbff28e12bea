package dev.switchboard.bench;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.intent.IntentScore;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-message cost of the shipped intent models on one thread, on the same messages as {@link
 * SentimentBenchmark}, so the figures compare.
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class IntentBenchmark {
    @Param({"banking77", "customer-service"})
    public String model;

    private IntentModel intents;
    private String[] messages;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        intents = IntentModel.shipped(model);
        messages = BenchmarkMessages.load();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public IntentScore throughput() {
        return classify();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public IntentScore latency() {
        return classify();
    }

    private IntentScore classify() {
        String text = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return intents.classify(text);
    }
}
