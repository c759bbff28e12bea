package dev.switchboard.operators.records;

import dev.switchboard.models.sentiment.SentimentLabel;
import java.util.Objects;

/** A message that supports a decision: its id, time, score and a short excerpt. */
public class Evidence {
    public String messageId;
    public long ts;
    public SentimentLabel label;
    public double score;

    /**
     * The start of the message. Held unredacted in decision state (cleared with the conversation
     * and by erasure) and redacted when a decision is published.
     */
    public String excerpt;

    public Evidence() {}

    public Evidence(String messageId, long ts, SentimentLabel label, double score, String excerpt) {
        this.messageId = messageId;
        this.ts = ts;
        this.label = label;
        this.score = score;
        this.excerpt = excerpt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence e
                && ts == e.ts
                && Double.compare(score, e.score) == 0
                && Objects.equals(messageId, e.messageId)
                && Objects.equals(excerpt, e.excerpt)
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
