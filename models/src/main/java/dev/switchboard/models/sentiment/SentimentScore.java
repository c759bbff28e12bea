package dev.switchboard.models.sentiment;

/**
 * The sentiment of one message.
 *
 * @param label the most probable class
 * @param score {@code P(positive) - P(negative)}, in [-1, 1]: a signed strength that averages and
 *     trends well, unlike the label
 * @param confidence the probability of {@code label}; 0 when the message was not scored
 * @param supported false when the message's language is one the model was not trained on; the label
 *     is then neutral with score 0 and confidence 0, never a guess
 */
public record SentimentScore(
        SentimentLabel label, double score, double confidence, boolean supported) {
    public static final SentimentScore UNSUPPORTED =
            new SentimentScore(SentimentLabel.NEUTRAL, 0.0, 0.0, false);

    /**
     * The score of a scored message's three probabilities: the most probable label (neutral on a
     * tie, then negative), its probability, and {@code positive - negative}.
     */
    public static SentimentScore of(double negative, double neutral, double positive) {
        SentimentLabel label = SentimentLabel.NEUTRAL;
        double confidence = neutral;
        if (negative > confidence) {
            label = SentimentLabel.NEGATIVE;
            confidence = negative;
        }
        if (positive > confidence) {
            label = SentimentLabel.POSITIVE;
            confidence = positive;
        }
        return new SentimentScore(label, positive - negative, confidence, true);
    }
}
