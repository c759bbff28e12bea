package dev.switchboard.operators.conversation;

import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.operators.records.ConversationEvent;

/**
 * What a message adds to its conversation's statistics, in plain Java: the counts by role, the
 * customer's language, the exponentially weighted sentiment (the newest message weighs {@code
 * smoothing}), its minimum and sum, the ring of the latest scores the trend is fitted to, and the
 * run of negative messages. {@link TrackConversation} keeps the state in Flink.
 */
public final class ConversationStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final double smoothing;
    private final int trendWindow;

    public ConversationStatistics(double smoothing, int trendWindow) {
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("smoothing must be in (0, 1], was " + smoothing);
        }
        if (trendWindow < MIN_TREND_POINTS) {
            throw new IllegalArgumentException(
                    "trendWindow must be at least " + MIN_TREND_POINTS + ", was " + trendWindow);
        }
        this.smoothing = smoothing;
        this.trendWindow = trendWindow;
    }

    void count(ConversationState s, ConversationEvent e) {
        switch (e.role) {
            case AGENT -> s.agentMessages++;
            case BOT -> s.botMessages++;
            case CUSTOMER -> {
                s.customerMessages++;
                if (e.sentiment != null && !e.sentiment.supported && e.language != null) {
                    // Not scored, but routing still needs to know which language the customer
                    // speaks.
                    s.language = e.language;
                }
                if (e.sentiment != null && e.sentiment.supported) {
                    s.language = e.language != null ? e.language : ENGLISH;
                    double score = e.sentiment.score;
                    s.customerSentiment =
                            s.customerScored == 0
                                    ? score
                                    : smoothing * score + (1 - smoothing) * s.customerSentiment;
                    s.customerSentimentMin =
                            s.customerScored == 0 ? score : Math.min(s.customerSentimentMin, score);
                    s.customerScoreSum += score;
                    if (s.recentScores == null || s.recentScores.length != trendWindow) {
                        s.recentScores = resized(s.recentScores, s.customerScored, trendWindow);
                    }
                    s.recentScores[s.customerScored % trendWindow] = (float) score;
                    s.customerScored++;
                    if (e.sentiment.secondOpinion) {
                        s.customerSecondOpinions++;
                    }
                    s.negativeStreak =
                            e.sentiment.label == SentimentLabel.NEGATIVE ? s.negativeStreak + 1 : 0;
                }
            }
        }
    }

    /**
     * A ring of {@code size} keeping the newest of the {@code scored} scores in {@code old}, so a
     * restart with another trend window carries on with what it has.
     */
    private static float[] resized(float[] old, int scored, int size) {
        float[] ring = new float[size];
        if (old != null) {
            int keep = Math.min(Math.min(scored, old.length), size);
            for (int i = scored - keep; i < scored; i++) {
                ring[i % size] = old[i % old.length];
            }
        }
        return ring;
    }

    /** Least-squares slope of the newest scores in the ring, oldest first; 0 below three points. */
    public static double trend(float[] ring, int scored) {
        if (ring == null) {
            return 0;
        }
        int n = Math.min(scored, ring.length);
        if (n < MIN_TREND_POINTS) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double sumY = 0;
        for (int i = scored - n; i < scored; i++) {
            sumY += ring[i % ring.length];
        }
        double meanY = sumY / n;
        double num = 0;
        double den = 0;
        for (int x = 0; x < n; x++) {
            double dx = x - meanX;
            num += dx * (ring[(scored - n + x) % ring.length] - meanY);
            den += dx * dx;
        }
        return num / den;
    }

    /** Fewer points than this make no trend: two messages are a difference, not a direction. */
    public static final int MIN_TREND_POINTS = 3;

    /** The language of a scored message that carries no tag. */
    static final String ENGLISH = "en";
}
