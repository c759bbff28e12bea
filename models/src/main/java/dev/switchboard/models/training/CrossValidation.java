package dev.switchboard.models.training;

import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * K-fold cross-validation of a {@link TrainingRecipe} over one or more labelled sets at once.
 *
 * <p>Rows of one group (a dialogue: {@link LabelledText#group()}) always fall in the same fold, so
 * a model is never judged on a turn whose neighbours it was trained on; rows without a group stand
 * alone. The groups are shuffled with a fixed seed and dealt round-robin into k folds; each fold is
 * predicted by a model trained on the other folds plus all the supplementary data (which is never
 * evaluated). Figures are computed over the pooled out-of-fold predictions, per source set and over
 * all rows, and the out-of-fold probabilities are kept for calibration.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * @param rows the primary rows, in the order given
     * @param probabilities each row's out-of-fold label probabilities (in the recipe's label order)
     * @param overall figures over all rows
     * @param perSource figures per source set, in the order the sets first appear
     */
    public record Result(
            List<LabelledText> rows,
            double[][] probabilities,
            Evaluation overall,
            Map<String, Evaluation> perSource) {
        /**
         * The mean of the per-source macro-F1 figures: every set counts once, whatever its size.
         */
        public double meanMacroF1() {
            return perSource.values().stream()
                    .mapToDouble(Evaluation::macroF1)
                    .average()
                    .orElse(Double.NaN);
        }

        public double meanAccuracy() {
            return perSource.values().stream()
                    .mapToDouble(Evaluation::accuracy)
                    .average()
                    .orElse(Double.NaN);
        }

        /** The out-of-fold predictions of the rows {@code keep} accepts, for calibration. */
        public Predictions predictions(List<String> labels, Predicate<LabelledText> keep) {
            List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (keep.test(rows.get(i))) {
                    picked.add(i);
                }
            }
            int[] truth = new int[picked.size()];
            double[][] p = new double[picked.size()][];
            for (int k = 0; k < picked.size(); k++) {
                truth[k] = labels.indexOf(rows.get(picked.get(k)).label());
                p[k] = probabilities[picked.get(k)];
            }
            return new Predictions(truth, p);
        }
    }

    /** True label indices and predicted probabilities of the same rows. */
    public record Predictions(int[] truth, double[][] probabilities) {}

    public static Result run(
            TrainingRecipe recipe,
            List<LabelledText> primary,
            List<LabelledText> supplementary,
            int folds,
            long seed) {
        int[] foldOf = foldOf(primary, folds, seed);
        List<String> labels = recipe.labels();
        double[][] probabilities = new double[primary.size()][];
        FeatureBuffer buffer = new FeatureBuffer();
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledText> train = new ArrayList<>();
            for (int i = 0; i < primary.size(); i++) {
                if (foldOf[i] != fold) {
                    train.add(primary.get(i));
                }
            }
            HashedLinearModel model = recipe.train(train, supplementary).model();
            for (int i = 0; i < primary.size(); i++) {
                if (foldOf[i] == fold) {
                    probabilities[i] = new double[labels.size()];
                    model.probabilities(primary.get(i).text(), buffer, probabilities[i]);
                }
            }
        }
        return result(labels, primary, probabilities);
    }

    /**
     * Each row's fold: groups (dialogues) are shuffled with {@code seed} and dealt round the folds,
     * so a group's rows share a fold; rows without a group are groups of their own.
     */
    public static int[] foldOf(List<LabelledText> primary, int folds, long seed) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < primary.size(); i++) {
            String group = primary.get(i).group();
            groups.computeIfAbsent(group == null ? "#" + i : group, g -> new ArrayList<>()).add(i);
        }
        if (folds < 2 || folds > groups.size()) {
            throw new IllegalArgumentException(
                    "folds must be in [2, "
                            + groups.size()
                            + "] (the number of groups), was "
                            + folds);
        }
        List<List<Integer>> shuffled = new ArrayList<>(groups.values());
        Collections.shuffle(shuffled, new Random(seed));
        int[] foldOf = new int[primary.size()];
        for (int g = 0; g < shuffled.size(); g++) {
            for (int i : shuffled.get(g)) {
                foldOf[i] = g % folds;
            }
        }
        return foldOf;
    }

    /** Figures of the given predictions, over all rows and per source. */
    public static Result result(
            List<String> labels, List<LabelledText> rows, double[][] probabilities) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            bySource.computeIfAbsent(String.valueOf(rows.get(i).source()), s -> new ArrayList<>())
                    .add(i);
        }
        Map<String, Evaluation> perSource = new LinkedHashMap<>();
        bySource.forEach(
                (source, indices) ->
                        perSource.put(source, evaluate(labels, rows, probabilities, indices)));
        List<Integer> all = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            all.add(i);
        }
        return new Result(
                rows,
                probabilities,
                evaluate(labels, rows, probabilities, all),
                Collections.unmodifiableMap(perSource));
    }

    private static Evaluation evaluate(
            List<String> labels, List<LabelledText> rows, double[][] p, List<Integer> indices) {
        int[] truth = new int[indices.size()];
        int[] predicted = new int[indices.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int l = 0; l < labels.size(); l++) {
            index.put(labels.get(l), l);
        }
        for (int k = 0; k < indices.size(); k++) {
            int i = indices.get(k);
            truth[k] = index.get(rows.get(i).label());
            predicted[k] = ModelEvaluator.argMax(p[i]);
        }
        return Evaluation.of(labels, truth, predicted, Double.NaN);
    }
}
