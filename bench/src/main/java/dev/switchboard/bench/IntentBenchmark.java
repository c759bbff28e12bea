package dev.switchboard.bench;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.intent.IntentScore;
import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Per-message cost of the shipped intent models on one thread, on the same messages as {@link
 * SentimentBenchmark}, so the figures compare.
 */
public class IntentBenchmark extends ModelBenchmark {
    @Param({"banking77", "customer-service"})
    public String model;

    private IntentModel intents;

    @Setup(Level.Trial)
    public void load() throws IOException {
        intents = IntentModel.shipped(model);
        loadMessages();
    }

    @Override
    protected IntentScore score(String text) {
        return intents.classify(text);
    }
}
