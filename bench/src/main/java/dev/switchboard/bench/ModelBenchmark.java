package dev.switchboard.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A model measured two ways on the same messages: throughput, and the latency distribution of
 * single calls (sample mode gives p50/p99/p99.9).
 */
public abstract class ModelBenchmark extends MessageBenchmark {
    /** Scores one message; the result is returned so that JMH keeps the work. */
    protected abstract Object score(String text);

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object throughput() {
        return score(nextMessage());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object latency() {
        return score(nextMessage());
    }
}
