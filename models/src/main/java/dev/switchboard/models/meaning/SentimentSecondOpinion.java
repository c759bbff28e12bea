package dev.switchboard.models.meaning;

import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SentimentScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A second opinion on the sentiment of a message whose fast (hashed) English score is in doubt or
 * decides something (the job asks for the turns that could move an escalation level): an {@link
 * EmbeddingHead} over the message's {@link SentenceEmbedder} vector, combined with the fast model's
 * distribution as a weighted product ({@link ProductOfExperts}, {@link #HEAD_WEIGHT}). The shipped
 * head and its network were fine-tuned together on the dialogue rows of the fast model's recipe
 * ({@code experiments/second-opinion-finetune/ship.py}); a head over the plain bge-small vectors
 * ({@code model train --model sentiment --head-out}) serves as well, from the network it names. The
 * two err on different messages, so the pair reads better than either where the fast model is
 * unsure (docs/models.md has the cross-validated figures, and the size of the gain).
 *
 * <p>The fast model's distribution is not carried with a score; it is recovered exactly from the
 * label, its probability and {@code P(positive) - P(negative)} ({@link #fastProbabilities}), so the
 * second opinion needs neither the fast model nor the message's features again. Thread-safe and
 * immutable.
 */
public final class SentimentSecondOpinion {
    /** The head of the shipped English sentiment model. */
    public static final String RESOURCE = "/dev/switchboard/models/sentiment/sentiment.head.gz";

    /**
     * The head's share of the combined log-probability. Cross-validated on the sentiment recipe's
     * dialogue sets, 0.5 and 0.7 were within 0.2 points of macro-F1 everywhere (docs/models.md).
     */
    public static final double HEAD_WEIGHT = 0.5;

    private static volatile SentimentSecondOpinion shipped;

    private final EmbeddingHead head;
    private final String headVersion;
    private final SentenceEmbedder embedder;
    private final int negative;
    private final int neutral;
    private final int positive;

    /**
     * @throws IllegalArgumentException when the head's labels are not the sentiment labels, or it
     *     reads another embedder's vectors
     */
    public SentimentSecondOpinion(
            EmbeddingHead head, String headVersion, SentenceEmbedder embedder) {
        head.requireReads(embedder);
        this.head = head;
        this.headVersion = headVersion;
        this.embedder = embedder;
        this.negative = indexOf(head, SentimentLabel.NEGATIVE);
        this.neutral = indexOf(head, SentimentLabel.NEUTRAL);
        this.positive = indexOf(head, SentimentLabel.POSITIVE);
    }

    /**
     * The shipped English head on the network it reads (the fine-tuned {@link
     * SentenceEmbedder#BGE_SMALL_EN_V15_DIALOGUE_Q}), loaded once per class loader.
     */
    public static SentimentSecondOpinion shipped() {
        SentimentSecondOpinion s = shipped;
        if (s == null) {
            synchronized (SentimentSecondOpinion.class) {
                s = shipped;
                if (s == null) {
                    try {
                        EmbeddingHead.Versioned read = EmbeddingHead.resource(RESOURCE);
                        s =
                                new SentimentSecondOpinion(
                                        read.head(),
                                        read.version(),
                                        SentenceEmbedder.shared(read.head().embedder()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "cannot read the sentiment model's embedding head", e);
                    }
                    shipped = s;
                }
            }
        }
        return s;
    }

    public SentenceEmbedder embedder() {
        return embedder;
    }

    /** {@code head@version}: appended to the fast model's id on a score it changed. */
    public String headId() {
        return "head@" + headVersion;
    }

    /**
     * Where a sentiment model keeps negative, neutral and positive among its labels, in that order.
     *
     * @throws IllegalArgumentException when one is missing: the second opinion reads sentiment
     */
    public static int[] sentimentIndices(List<String> labels) {
        int[] at = new int[3];
        SentimentLabel[] order = {
            SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE
        };
        for (int k = 0; k < 3; k++) {
            at[k] = labels.indexOf(order[k].wireName());
            if (at[k] < 0) {
                throw new IllegalArgumentException(
                        "the second opinion reads sentiment models; labels " + labels);
            }
        }
        return at;
    }

    /**
     * Whether the fast model's score is unsure enough to ask: a scored message whose most probable
     * label has a probability below {@code below}.
     */
    public static boolean unsure(SentimentScore fast, double below) {
        return fast.supported() && fast.confidence() < below;
    }

    /**
     * The combined score of a message: the fast model's distribution and the head's reading of the
     * message's vector, as a weighted product.
     */
    public SentimentScore combine(SentimentScore fast, float[] embedding) {
        double[] fastP = fastProbabilities(fast);
        double[] headLog = new double[3];
        double[] headLogAll = new double[head.labels().size()];
        head.logProbabilities(embedding, headLogAll);
        headLog[0] = headLogAll[negative];
        headLog[1] = headLogAll[neutral];
        headLog[2] = headLogAll[positive];
        double[] p = new double[3];
        ProductOfExperts.combine(headLog, fastP, HEAD_WEIGHT, p);
        return SentimentScore.of(p[0], p[1], p[2]);
    }

    /**
     * The fast model's distribution, {@code [negative, neutral, positive]}, recovered from its
     * score: the label's probability is its confidence and {@code score = P(positive) -
     * P(negative)}, which with the three summing to one fixes the other two.
     */
    public static double[] fastProbabilities(SentimentScore fast) {
        double c = fast.confidence();
        double s = fast.score();
        double neg;
        double neu;
        double pos;
        switch (fast.label()) {
            case POSITIVE -> {
                pos = c;
                neg = c - s;
                neu = 1 - pos - neg;
            }
            case NEGATIVE -> {
                neg = c;
                pos = c + s;
                neu = 1 - pos - neg;
            }
            default -> {
                neu = c;
                pos = (1 - c + s) / 2;
                neg = (1 - c - s) / 2;
            }
        }
        // Rounding can take a recovered probability a hair below zero.
        return new double[] {Math.max(neg, 0), Math.max(neu, 0), Math.max(pos, 0)};
    }

    private static int indexOf(EmbeddingHead head, SentimentLabel label) {
        int i = head.labels().indexOf(label.wireName());
        if (i < 0) {
            throw new IllegalArgumentException(
                    "head labels " + head.labels() + " lack '" + label.wireName() + "'");
        }
        return i;
    }
}
