package dev.switchboard.bench;

import dev.switchboard.models.privacy.Redactor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Per-message cost of the redactor on one thread: over the benchmark messages as they are (real
 * customer-service text, almost none with personal data) and over messages that each carry a card,
 * an e-mail and a phone number.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedactionBenchmark extends MessageBenchmark {
    private final Redactor redactor = Redactor.defaults();
    private String[] withPii;

    @Setup(Level.Trial)
    public void load() throws IOException {
        loadMessages();
        String[] plain = messages();
        withPii = new String[plain.length];
        for (int i = 0; i < plain.length; i++) {
            withPii[i] =
                    plain[i]
                            + " Card 4111 1111 1111 1111, mail jane.doe@example.com, call +44 20 7946 0958.";
        }
    }

    @Benchmark
    public String typicalMessages() {
        return redactor.redact(nextMessage());
    }

    @Benchmark
    public String messagesWithCardEmailAndPhone() {
        return redactor.redact(withPii[nextIndex()]);
    }
}
