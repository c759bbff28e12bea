package dev.switchboard.models.training;

import dev.switchboard.models.meaning.EmbeddingHead;
import dev.switchboard.models.meaning.EmbeddingHeadTrainer;
import dev.switchboard.models.meaning.ProductOfExperts;
import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-validates a second opinion on sentiment: the fast (hashed) model scores every row; a head
 * over the rows' sentence embeddings, trained on the same rows with the same weights, re-scores the
 * rows where the fast model's top probability is below a threshold, and the two are combined there
 * as a weighted product. Out-of-fold figures of the fast model, the head alone and each threshold
 * come from one run on {@link CrossValidation}'s folds, with the share of rows each threshold
 * re-scores; with a {@link TurnMarker}, also of re-scoring the rows it marks (the turns that could
 * move an escalation level, read from the out-of-fold fast scores), alone and with each threshold.
 */
public final class SecondOpinionCrossValidation {
    private SecondOpinionCrossValidation() {}

    /**
     * Marks the rows a second opinion is asked for whatever the fast model's confidence.
     *
     * <p>{@code fastScores} holds each row's out-of-fold fast score, {@code P(positive) -
     * P(negative)}, in row order (a dialogue's turns in order).
     */
    public interface TurnMarker {
        boolean[] mark(List<LabelledText> rows, double[] fastScores);
    }

    /**
     * The figures of one selection: its predictions' figures and the share of rows re-scored.
     *
     * @param threshold rows whose fast top probability is below it are re-scored (0: none)
     * @param marked whether the rows the {@link TurnMarker} marks are re-scored too
     */
    public record AtThreshold(
            double threshold,
            boolean marked,
            CrossValidation.Result result,
            double rescoredShare,
            Map<String, Double> rescoredShareBySource) {}

    public record Figures(
            CrossValidation.Result fast,
            CrossValidation.Result head,
            List<AtThreshold> thresholds) {}

    /**
     * @param vectors each primary row's embedding, then each supplementary row's
     * @param headWeight the head's share of the combined log-probability where it is asked
     */
    public static Figures run(
            TrainingRecipe recipe,
            List<LabelledText> rows,
            List<LabelledText> supplementary,
            float[][] vectors,
            String embedder,
            double sigma,
            double headWeight,
            double[] thresholds,
            TurnMarker marker,
            int folds,
            long seed) {
        int[] foldOf = CrossValidation.foldOf(rows, folds, seed);
        List<String> labels = recipe.labels();
        int n = labels.size();
        double[][] fastP = new double[rows.size()][];
        double[][] headLog = new double[rows.size()][];
        FeatureBuffer buffer = new FeatureBuffer();
        EmbeddingHeadTrainer headTrainer = new EmbeddingHeadTrainer(embedder, sigma);
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledText> train = new ArrayList<>();
            List<float[]> trainVectors = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (foldOf[i] != fold) {
                    train.add(rows.get(i));
                    trainVectors.add(vectors[i]);
                }
            }
            for (int s = 0; s < supplementary.size(); s++) {
                trainVectors.add(vectors[rows.size() + s]);
            }
            List<String> trainLabels = new ArrayList<>();
            train.forEach(r -> trainLabels.add(r.label()));
            supplementary.forEach(r -> trainLabels.add(r.label()));
            HashedLinearModel fast = recipe.train(train, supplementary).model();
            EmbeddingHead head =
                    headTrainer
                            .train(
                                    labels,
                                    trainVectors,
                                    trainLabels,
                                    recipe.exampleWeights(train, supplementary))
                            .head();
            for (int i = 0; i < rows.size(); i++) {
                if (foldOf[i] == fold) {
                    fastP[i] = new double[n];
                    fast.probabilities(rows.get(i).text(), buffer, fastP[i]);
                    headLog[i] = new double[n];
                    head.logProbabilities(vectors[i], headLog[i]);
                }
            }
        }
        double[][] headP = new double[rows.size()][n];
        for (int i = 0; i < rows.size(); i++) {
            for (int l = 0; l < n; l++) {
                headP[i][l] = Math.exp(headLog[i][l]);
            }
        }
        List<AtThreshold> at = new ArrayList<>();
        boolean[] none = new boolean[rows.size()];
        for (double threshold : thresholds) {
            at.add(select(labels, rows, fastP, headLog, headWeight, threshold, none, false));
        }
        if (marker != null) {
            boolean[] marked = marker.mark(rows, fastScores(labels, fastP));
            at.add(select(labels, rows, fastP, headLog, headWeight, 0, marked, true));
            for (double threshold : thresholds) {
                at.add(select(labels, rows, fastP, headLog, headWeight, threshold, marked, true));
            }
        }
        return new Figures(
                CrossValidation.result(labels, rows, fastP),
                CrossValidation.result(labels, rows, headP),
                at);
    }

    /**
     * Each row's score as a {@link TurnMarker} reads it, {@code P(positive) - P(negative)}, from
     * probabilities in {@code labels}' order.
     */
    public static double[] fastScores(List<String> labels, double[][] probabilities) {
        int positive = labels.indexOf("positive");
        int negative = labels.indexOf("negative");
        double[] scores = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            scores[i] = probabilities[i][positive] - probabilities[i][negative];
        }
        return scores;
    }

    private static AtThreshold select(
            List<String> labels,
            List<LabelledText> rows,
            double[][] fastP,
            double[][] headLog,
            double headWeight,
            double threshold,
            boolean[] marked,
            boolean withMarked) {
        double[][] p = new double[rows.size()][];
        int rescored = 0;
        Map<String, int[]> bySource = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int[] counts =
                    bySource.computeIfAbsent(String.valueOf(rows.get(i).source()), s -> new int[2]);
            counts[1]++;
            if (marked[i] || Arrays.stream(fastP[i]).max().orElse(1) < threshold) {
                p[i] = combine(headLog[i], fastP[i], headWeight);
                rescored++;
                counts[0]++;
            } else {
                p[i] = fastP[i];
            }
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        bySource.forEach((s, c) -> shares.put(s, c[0] / (double) c[1]));
        return new AtThreshold(
                threshold,
                withMarked,
                CrossValidation.result(labels, rows, p),
                rescored / (double) rows.size(),
                shares);
    }

    /** {@code p ~ head^w * fast^(1-w)}, normalised. */
    public static double[] combine(double[] headLog, double[] fast, double headWeight) {
        double[] out = new double[fast.length];
        ProductOfExperts.combine(headLog, fast, headWeight, out);
        return out;
    }
}
