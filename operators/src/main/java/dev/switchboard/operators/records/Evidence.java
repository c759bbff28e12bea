package dev.switchboard.operators.records;

import dev.switchboard.models.sentiment.SentimentLabel;

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

    /**
     * True when the score is the meaning tier's second opinion (on a turn that could move the
     * level, or one the fast model was unsure of), not the fast model's alone.
     */
    public boolean secondOpinion;

    public Evidence() {}

    public Evidence(
            String messageId,
            long ts,
            SentimentLabel label,
            double score,
            String excerpt,
            boolean secondOpinion) {
        this.messageId = messageId;
        this.ts = ts;
        this.label = label;
        this.score = score;
        this.excerpt = excerpt;
        this.secondOpinion = secondOpinion;
    }

    @Override
    public String toString() {
        return messageId + String.format("(%.2f)", score);
    }
}
