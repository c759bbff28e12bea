package dev.switchboard.operators.records;

import dev.switchboard.models.sentiment.SentimentLabel;
import java.util.Objects;

/** The sentiment of one message as published: label, signed score in [-1, 1], confidence. */
public class Sentiment {
    public SentimentLabel label;
    public double score;
    public double confidence;
    /** False when the message's language is not covered by the model (then confidence is 0). */
    public boolean supported;

    public Sentiment() {}

    public Sentiment(SentimentLabel label, double score, double confidence, boolean supported) {
        this.label = label;
        this.score = score;
        this.confidence = confidence;
        this.supported = supported;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sentiment s
                && label == s.label
                && Double.compare(score, s.score) == 0
                && Double.compare(confidence, s.confidence) == 0
                && supported == s.supported;
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
