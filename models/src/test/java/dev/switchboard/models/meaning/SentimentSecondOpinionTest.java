package dev.switchboard.models.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.training.ModelEvaluator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The second opinion's arithmetic, and the shipped head as the job loads it. */
class SentimentSecondOpinionTest {
    private static final SentenceEmbedder EMBEDDER =
            SentenceEmbedder.shared(SentenceEmbedder.BGE_SMALL_EN_V15_Q);

    @Test
    void theFastModelsDistributionIsRecoveredFromItsScore() {
        SentimentModel fast = SentimentModel.loadDefault();
        List<String> labels = fast.linearModel().labels();
        double[] p = new double[labels.size()];
        FeatureBuffer buffer = new FeatureBuffer();
        int positiveLabels = 0;
        int negativeLabels = 0;
        int neutralLabels = 0;
        for (String text :
                List.of(
                        "this is the third time I am asking and nobody answers",
                        "thanks so much, that fixed it!",
                        "what is my balance",
                        "not right now",
                        "I guess that works",
                        "you people are useless",
                        "ok")) {
            SentimentScore score = fast.score(text, SpeakerRole.CUSTOMER, "en");
            fast.linearModel().probabilities(text, buffer, p);
            double[] recovered = SentimentSecondOpinion.fastProbabilities(score);
            assertEquals(p[labels.indexOf("negative")], recovered[0], 1e-12, text);
            assertEquals(p[labels.indexOf("neutral")], recovered[1], 1e-12, text);
            assertEquals(p[labels.indexOf("positive")], recovered[2], 1e-12, text);
            switch (score.label()) {
                case POSITIVE -> positiveLabels++;
                case NEGATIVE -> negativeLabels++;
                default -> neutralLabels++;
            }
        }
        // Each label's branch of the recovery is exercised.
        assertTrue(positiveLabels > 0 && negativeLabels > 0 && neutralLabels > 0);
    }

    @Test
    void onlyScoredMessagesBelowTheThresholdAreUnsure() {
        assertTrue(
                SentimentSecondOpinion.unsure(
                        new SentimentScore(SentimentLabel.NEUTRAL, 0.1, 0.45, true), 0.5));
        assertFalse(
                SentimentSecondOpinion.unsure(
                        new SentimentScore(SentimentLabel.NEUTRAL, 0.1, 0.55, true), 0.5));
        assertFalse(SentimentSecondOpinion.unsure(SentimentScore.UNSUPPORTED, 0.5));
    }

    @Test
    void aHeadWithoutAViewLeavesTheFastScoreAndAConfidentHeadMovesIt() {
        int d = EMBEDDER.spec().dimensions();
        float[] vector = new float[d];
        vector[0] = 1;
        SentimentScore unsure = new SentimentScore(SentimentLabel.NEUTRAL, -0.10, 0.40, true);

        // A uniform head leaves the fast distribution raised to the fast model's share (0.5),
        // renormalised: the same label, less sure. Fast: negative 0.35, neutral 0.40, positive
        // 0.25.
        SentimentSecondOpinion indifferent = opinion(new double[] {0, 0, 0}, 0);
        SentimentScore same = indifferent.combine(unsure, vector);
        double z = Math.sqrt(0.35) + Math.sqrt(0.40) + Math.sqrt(0.25);
        assertEquals(unsure.label(), same.label());
        assertEquals((Math.sqrt(0.25) - Math.sqrt(0.35)) / z, same.score(), 1e-9);
        assertEquals(Math.sqrt(0.40) / z, same.confidence(), 1e-9);

        // The head reads dimension 0 as strongly negative: the pair now says negative.
        SentimentSecondOpinion negativeHead = opinion(new double[] {0, 0, 0}, 1.0);
        SentimentScore moved = negativeHead.combine(unsure, vector);
        assertEquals(SentimentLabel.NEGATIVE, moved.label());
        assertTrue(moved.score() < unsure.score());
        assertTrue(moved.confidence() > 0.5);
    }

    @Test
    void aHeadOfOtherLabelsOrAnotherEmbedderIsRefused() {
        int d = EMBEDDER.spec().dimensions();
        EmbeddingHead intents =
                new EmbeddingHead(
                        EMBEDDER.spec().name(),
                        List.of("a", "b", "c"),
                        d,
                        1,
                        new double[3],
                        new double[3 * d]);
        assertThrows(
                IllegalArgumentException.class,
                () -> new SentimentSecondOpinion(intents, "v", EMBEDDER));
        EmbeddingHead otherEmbedder =
                new EmbeddingHead(
                        "other",
                        List.of("negative", "neutral", "positive"),
                        d,
                        1,
                        new double[3],
                        new double[3 * d]);
        assertThrows(
                IllegalArgumentException.class,
                () -> new SentimentSecondOpinion(otherEmbedder, "v", EMBEDDER));
    }

    @Test
    void theShippedHeadReadsItsFineTunedNetworksVectors() {
        SentimentSecondOpinion shipped = SentimentSecondOpinion.shipped();
        assertTrue(shipped.headId().startsWith("head@"));
        assertEquals(SentenceEmbedder.BGE_SMALL_EN_V15_DIALOGUE_Q, shipped.embedder().spec());
        SentimentScore furious =
                shipped.combine(
                        new SentimentScore(SentimentLabel.NEGATIVE, -0.2, 0.45, true),
                        shipped.embedder()
                                .embed("This is a disgrace, I am furious with your service"));
        assertEquals(SentimentLabel.NEGATIVE, furious.label());
        SentimentScore thanks =
                shipped.combine(
                        new SentimentScore(SentimentLabel.POSITIVE, 0.2, 0.45, true),
                        shipped.embedder().embed("Thank you so much, you were wonderful"));
        assertEquals(SentimentLabel.POSITIVE, thanks.label());
    }

    /**
     * Training and serving agree: the shipped int8 network and head, run as the job runs them, give
     * the probabilities that {@code ship.py} computed for the same sentences with the fp32 network
     * it trained (second-opinion-reference.tsv, written by it). int8 moved them by up to 0.049 when
     * the network was shipped; a wrong network, a vector scaled to unit length or a head of other
     * labels moves them far more.
     */
    @Test
    void theShippedNetworkAndHeadGiveTheTrainedNetworksProbabilities() throws Exception {
        EmbeddingHead.Versioned head = EmbeddingHead.resource(SentimentSecondOpinion.RESOURCE);
        SentenceEmbedder embedder = SentenceEmbedder.shared(head.head().embedder());
        List<String> lines;
        try (var in =
                SentimentSecondOpinionTest.class.getResourceAsStream(
                        "second-opinion-reference.tsv")) {
            lines =
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .lines()
                            .toList();
        }
        assertEquals(8, lines.size());
        List<String> order = List.of("negative", "neutral", "positive");
        double[] log = new double[head.head().labels().size()];
        for (String line : lines) {
            String[] f = line.split("\\t");
            head.head().logProbabilities(embedder.embed(f[0]), log);
            double[] served = new double[3];
            double[] trained = new double[3];
            for (int l = 0; l < 3; l++) {
                served[l] = Math.exp(log[head.head().labels().indexOf(order.get(l))]);
                trained[l] = Double.parseDouble(f[l + 1]);
                assertEquals(trained[l], served[l], 0.06, f[0] + ": " + order.get(l));
            }
            assertEquals(
                    ModelEvaluator.argMax(trained),
                    ModelEvaluator.argMax(served),
                    f[0] + ": the same label");
        }
    }

    /**
     * A head over the embedder's vectors in the order negative, neutral, positive, with the given
     * biases; dimension 0 adds {@code negativeWeight} to the negative label.
     */
    private static SentimentSecondOpinion opinion(double[] bias, double negativeWeight) {
        int d = EMBEDDER.spec().dimensions();
        double[] weights = new double[3 * d];
        weights[0] = negativeWeight;
        EmbeddingHead head =
                new EmbeddingHead(
                        EMBEDDER.spec().name(),
                        List.of("negative", "neutral", "positive"),
                        d,
                        10,
                        bias,
                        weights);
        return new SentimentSecondOpinion(head, "test", EMBEDDER);
    }
}
