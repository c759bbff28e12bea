package dev.switchboard.operators.records;

import dev.switchboard.models.sentiment.SentimentLabel;
import java.util.Objects;

/**
 * The sentiment of one message as published: label, signed score in [-1, 1], confidence, and the
 * model that gave it.
 */
public class Sentiment {
    public SentimentLabel label;
    public double score;
    public double confidence;

    /** False when the message's language is not covered by the model (then confidence is 0). */
    public boolean supported;

    /**
     * The model that scored it, {@code name@version} ({@code SentimentModel#id()}); the same String
     * instance for every message of a model, so carrying it allocates nothing.
     */
    public String model;

    /**
     * True when the meaning tier's second opinion re-scored the message ({@code ReadMeaning}): the
     * score is then the fast model's and the embedding head's combined, and {@link #model} names
     * both.
     */
    public boolean secondOpinion;

    public Sentiment() {}

    public Sentiment(
            SentimentLabel label,
            double score,
            double confidence,
            boolean supported,
            String model) {
        this.label = label;
        this.score = score;
        this.confidence = confidence;
        this.supported = supported;
        this.model = model;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sentiment s
                && label == s.label
                && Double.compare(score, s.score) == 0
                && Double.compare(confidence, s.confidence) == 0
                && supported == s.supported
                && secondOpinion == s.secondOpinion
                && Objects.equals(model, s.model);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, score, confidence, supported);
    }

    @Override
    public String toString() {
        return label + String.format("(%.3f, p=%.2f)", score, confidence);
    }
}
