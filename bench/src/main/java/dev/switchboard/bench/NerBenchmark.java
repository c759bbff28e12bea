package dev.switchboard.bench;

import dev.switchboard.models.privacy.CoreNlpNames;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What removing names with CoreNLP's NER ({@link CoreNlpNames}, the {@code --ner-tenant} option)
 * costs per message, beside the rule-based {@link RedactionBenchmark}. Needs CoreNLP's English
 * models jar, which only the {@code rntn} Maven profile adds.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class NerBenchmark extends MessageBenchmark {
    @Setup(Level.Trial)
    public void load() throws IOException {
        CoreNlpNames.requireAvailable();
        loadMessages();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String perMessage() {
        return CoreNlpNames.redact(nextMessage());
    }
}
