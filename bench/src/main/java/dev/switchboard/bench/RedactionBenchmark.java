package dev.switchboard.bench;

import dev.switchboard.models.privacy.Redactor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-message cost of the redactor on one thread: over the benchmark messages as they are (real
 * customer-service text, almost none with personal data) and over messages that each carry a card,
 * an e-mail and a phone number.
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedactionBenchmark {
    private final Redactor redactor = Redactor.defaults();
    private String[] plain;
    private String[] withPii;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        plain = BenchmarkMessages.load();
        withPii = new String[plain.length];
        for (int i = 0; i < plain.length; i++) {
            withPii[i] =
                    plain[i]
                            + " Card 4111 1111 1111 1111, mail jane.doe@example.com, call +44 20 7946 0958.";
        }
    }

    @Benchmark
    public String typicalMessages() {
        String text = plain[next];
        next = next + 1 == plain.length ? 0 : next + 1;
        return redactor.redact(text);
    }

    @Benchmark
    public String messagesWithCardEmailAndPhone() {
        String text = withPii[next];
        next = next + 1 == withPii.length ? 0 : next + 1;
        return redactor.redact(text);
    }
}
