package dev.switchboard.bench;

import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import java.io.IOException;
import java.nio.file.Path;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-message cost of the shipped sentiment model on one thread: throughput, and the latency
 * distribution of single calls (sample mode gives p50/p99/p99.9). Each call scores the next message
 * of the benchmark set, so the caches see realistic variety.
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class SentimentBenchmark {
    /** A model file to measure instead of the shipped one (empty: the shipped model). */
    @Param("")
    public String modelFile;

    private SentimentModel model;
    private String[] messages;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        model =
                modelFile.isEmpty()
                        ? SentimentModel.loadDefault()
                        : SentimentModel.load(Path.of(modelFile));
        messages = BenchmarkMessages.load();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public SentimentScore throughput() {
        return score();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SentimentScore latency() {
        return score();
    }

    private SentimentScore score() {
        String text = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return model.score(text, SpeakerRole.CUSTOMER, "en");
    }

    /** Runs only this benchmark. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(SentimentBenchmark.class.getSimpleName()).build())
                .run();
    }
}
