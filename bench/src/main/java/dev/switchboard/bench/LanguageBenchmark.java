package dev.switchboard.bench;

import dev.switchboard.models.language.LanguageDetection;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Per-message cost of language detection among a tenant's languages, on the sentiment benchmark's
 * messages (40 to 200 characters), with two and with four candidate languages.
 */
public class LanguageBenchmark extends MessageBenchmark {
    @Param({"en,es", "en,es,fr,de"})
    public String languages;

    private LanguageDetection detection;

    @Setup(Level.Trial)
    public void load() throws IOException {
        detection = LanguageDetection.among(Set.of(languages.split(",")));
        loadMessages();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String detect() {
        return detection.detect(nextMessage());
    }
}
