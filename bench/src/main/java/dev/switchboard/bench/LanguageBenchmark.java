package dev.switchboard.bench;

import dev.switchboard.models.language.LanguageDetection;
import java.io.IOException;
import java.util.Set;
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
 * Per-message cost of language detection among a tenant's languages, on the sentiment benchmark's
 * messages (40 to 200 characters), with two and with four candidate languages.
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class LanguageBenchmark {
    @Param({"en,es", "en,es,fr,de"})
    public String languages;

    private LanguageDetection detection;
    private String[] messages;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        detection = LanguageDetection.among(Set.of(languages.split(",")));
        messages = BenchmarkMessages.load();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String detect() {
        String text = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return detection.detect(text);
    }
}
