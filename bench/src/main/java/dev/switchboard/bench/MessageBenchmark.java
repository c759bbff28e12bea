package dev.switchboard.bench;

import java.io.IOException;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every per-message benchmark shares: one thread, one fork, and the {@link BenchmarkMessages}
 * taken in turn, so that caches see realistic variety and every benchmark of a run scores the same
 * text. A subclass may override the run settings (JMH reads these annotations through the class
 * hierarchy).
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public abstract class MessageBenchmark {
    private String[] messages;
    private int next;

    /** Reads the messages; call it from the subclass's trial setup. */
    protected final void loadMessages() throws IOException {
        messages = BenchmarkMessages.load();
    }

    /** Reads the messages of {@code language} ({@link BenchmarkMessages#load(String)}). */
    protected final void loadMessages(String language) throws IOException {
        messages = BenchmarkMessages.load(language);
    }

    protected final String[] messages() {
        return messages;
    }

    /** The index of the next message, round the list. */
    protected final int nextIndex() {
        int i = next;
        next = next + 1 == messages.length ? 0 : next + 1;
        return i;
    }

    protected final String nextMessage() {
        return messages[nextIndex()];
    }
}
