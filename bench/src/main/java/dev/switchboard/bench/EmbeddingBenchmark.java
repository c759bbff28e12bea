package dev.switchboard.bench;

import dev.switchboard.models.intent.EmbeddingIntentModel;
import dev.switchboard.models.meaning.SentenceEmbedder;
import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Per-message cost of the meaning tier's work on one thread, on {@link SentimentBenchmark}'s
 * messages: the sentence embedding alone ({@code embed}), and the embedding intent model
 * (embedding, head and hashed model: {@code banking77}, {@code customer-service}). Run with {@code
 * -t 2} for two threads sharing one network.
 */
public class EmbeddingBenchmark extends ModelBenchmark {
    @Param({"embed", "banking77"})
    public String work;

    private SentenceEmbedder embedder;
    private EmbeddingIntentModel intents;

    @Setup(Level.Trial)
    public void load() throws IOException {
        embedder = SentenceEmbedder.shared(SentenceEmbedder.BGE_SMALL_EN_V15_Q);
        if (!work.equals("embed")) {
            intents = EmbeddingIntentModel.shipped(work);
        }
        loadMessages();
    }

    @Override
    protected Object score(String text) {
        return intents == null ? embedder.embed(text) : intents.classify(text);
    }
}
