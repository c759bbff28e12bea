package dev.switchboard.operators.records;

import dev.switchboard.models.sentiment.SentimentLabel;
import java.util.Objects;

/** A message that supports a decision: its id, time and score. No text. */
public class Evidence {
    public String messageId;
    public long ts;
    public SentimentLabel label;
    public double score;

    public Evidence() {}

    public Evidence(String messageId, long ts, SentimentLabel label, double score) {
        this.messageId = messageId;
        this.ts = ts;
        this.label = label;
        this.score = score;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence e
                && ts == e.ts
                && Double.compare(score, e.score) == 0
                && Objects.equals(messageId, e.messageId)
                && label == e.label;
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, ts);
    }

    @Override
    public String toString() {
        return messageId + String.format("(%.2f)", score);
    }
}
