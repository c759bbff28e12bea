package dev.switchboard.models.intent;

import dev.switchboard.models.meaning.EmbeddingHead;
import dev.switchboard.models.meaning.ProductOfExperts;
import dev.switchboard.models.meaning.SentenceEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intents read from the meaning of a message: an {@link EmbeddingHead} over the message's {@link
 * SentenceEmbedder} vector, combined with the hashed {@link IntentModel} of the same labels as a
 * weighted product of the two distributions ({@link #EMBEDDING_WEIGHT} on the head). The head
 * separates intents that share words ("card_arrival" and "card_delivery_estimate"); the hashed
 * model adds the exact words and names the head blurs. Cross-validated on BANKING77 the pair beats
 * either alone (docs/models.md).
 *
 * <p>Costly: embedding a message takes milliseconds ({@link SentenceEmbedder}), about 400 times the
 * hashed model. The job runs it off the per-message path, on the first customer messages only;
 * {@link #classify(CharSequence, float[])} takes a vector computed once for several uses.
 * Thread-safe.
 */
public final class EmbeddingIntentModel {
    /**
     * The head's share of the combined log-probability. On BANKING77 (5-fold, seed 7, bge-small)
     * 0.5 read 0.9297, 0.6 0.9316, 0.7 0.9318, 0.8 0.9305, the head alone 0.9276.
     */
    public static final double EMBEDDING_WEIGHT = 0.7;

    private static final Map<String, EmbeddingIntentModel> LOADED = new ConcurrentHashMap<>();

    private final IntentModel hashed;
    private final EmbeddingHead head;
    private final SentenceEmbedder embedder;
    private final String id;
    private final String[] labels;

    /**
     * @param headVersion the version of the head's file
     * @throws IllegalArgumentException when the head and the hashed model differ in labels, or the
     *     head reads another embedder's vectors
     */
    public EmbeddingIntentModel(
            IntentModel hashed, EmbeddingHead head, String headVersion, SentenceEmbedder embedder) {
        if (!hashed.intents().equals(head.labels())) {
            throw new IllegalArgumentException(
                    "the embedding head's labels differ from " + hashed.id() + "'s");
        }
        head.requireReads(embedder);
        this.hashed = hashed;
        this.head = head;
        this.embedder = embedder;
        this.id = hashed.id() + "+head@" + headVersion;
        this.labels = head.labels().toArray(new String[0]);
    }

    /** The head resource of a shipped intent model. */
    public static String headResource(String name) {
        return "/dev/switchboard/models/intent/" + name + ".head.gz";
    }

    /**
     * The shipped intent model {@code name} ({@link IntentModel#SHIPPED}) with its shipped head,
     * loaded once per class loader.
     */
    public static EmbeddingIntentModel shipped(String name) {
        return LOADED.computeIfAbsent(
                name,
                n -> {
                    IntentModel hashed = IntentModel.shipped(n);
                    try {
                        EmbeddingHead.Versioned head = EmbeddingHead.resource(headResource(n));
                        return new EmbeddingIntentModel(
                                hashed,
                                head.head(),
                                head.version(),
                                SentenceEmbedder.shared(SentenceEmbedder.BGE_SMALL_EN_V15_Q));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** {@code hashed-name@version+head@version}: names both parts of a decision. */
    public String id() {
        return id;
    }

    public SentenceEmbedder embedder() {
        return embedder;
    }

    public List<String> intents() {
        return head.labels();
    }

    /** The most likely intent of {@code text} (embeds it: milliseconds). */
    public IntentScore classify(CharSequence text) {
        return classify(text, embedder.embed(text.toString()));
    }

    /** The most likely intent of {@code text}, whose {@link #embedder()} vector is given. */
    public IntentScore classify(CharSequence text, float[] embedding) {
        return IntentModel.best(labels, probabilities(text, embedding));
    }

    /** The {@code k} most likely intents, most likely first. */
    public List<IntentScore> top(CharSequence text, int k) {
        return IntentModel.top(labels, probabilities(text, embedder.embed(text.toString())), k);
    }

    /** Each label's combined probability, in {@link #intents()} order, in a new array. */
    public double[] probabilities(CharSequence text, float[] embedding) {
        double[] headLog = new double[labels.length];
        head.logProbabilities(embedding, headLog);
        double[] out = new double[labels.length];
        combine(headLog, hashed.probabilitiesOf(text), out);
        return out;
    }

    /**
     * The weighted product of the head's and the hashed model's distributions, normalised: {@code p
     * ~ head^w * hashed^(1-w)}. Training's cross-validation and serving both use it.
     */
    public static void combine(double[] headLogProbabilities, double[] hashed, double[] out) {
        ProductOfExperts.combine(headLogProbabilities, hashed, EMBEDDING_WEIGHT, out);
    }
}
