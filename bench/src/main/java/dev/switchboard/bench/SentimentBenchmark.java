package dev.switchboard.bench;

import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import java.io.IOException;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-message cost of a shipped sentiment model ({@code -p language=es}) on one thread: throughput,
 * and the latency distribution of single calls (sample mode gives p50/p99/p99.9). Each call scores
 * the next message of the benchmark set, so the caches see realistic variety.
 */
public class SentimentBenchmark extends ModelBenchmark {
    /** A model file to measure instead of the shipped one (empty: the shipped model). */
    @Param("")
    public String modelFile;

    /**
     * The language scored: the shipped model of it (unless {@link #modelFile}) on messages of it
     * (the airline tweets for English, UMSAB tweets for the others).
     */
    @Param("en")
    public String language;

    private SentimentModel model;

    @Setup(Level.Trial)
    public void load() throws IOException {
        model =
                modelFile.isEmpty()
                        ? SentimentModel.shipped(language)
                        : SentimentModel.load(Path.of(modelFile));
        loadMessages(language);
    }

    @Override
    protected SentimentScore score(String text) {
        return model.score(text, SpeakerRole.CUSTOMER, language);
    }

    /** Runs only this benchmark. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(SentimentBenchmark.class.getSimpleName()).build())
                .run();
    }
}
