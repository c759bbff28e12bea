package dev.switchboard.models.training;

import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * K-fold cross-validation of a {@link TrainingRecipe}: the primary data is shuffled with a fixed
 * seed and cut into k folds; each fold is predicted by a model trained on the other folds plus all
 * the supplementary data (which is never evaluated). Figures are computed over the pooled
 * predictions of all folds.
 */
public final class CrossValidation {
    private CrossValidation() {}

    public static Evaluation run(TrainingRecipe recipe, List<LabelledText> primary, List<LabelledText> supplementary, int folds, long seed) {
        if (folds < 2 || folds > primary.size()) {
            throw new IllegalArgumentException("folds must be in [2, " + primary.size() + "], was " + folds);
        }
        List<LabelledText> shuffled = new ArrayList<>(primary);
        Collections.shuffle(shuffled, new Random(seed));
        List<String> labels = recipe.labels();
        int[] truth = new int[shuffled.size()];
        int[] predicted = new int[shuffled.size()];
        FeatureBuffer buffer = new FeatureBuffer();
        double[] p = new double[labels.size()];
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledText> train = new ArrayList<>();
            List<Integer> heldOut = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                if (i % folds == fold) {
                    heldOut.add(i);
                } else {
                    train.add(shuffled.get(i));
                }
            }
            HashedLinearModel model = recipe.train(train, supplementary).model();
            for (int i : heldOut) {
                truth[i] = labels.indexOf(shuffled.get(i).label());
                model.probabilities(shuffled.get(i).text(), buffer, p);
                predicted[i] = ModelEvaluator.argMax(p);
            }
        }
        return Evaluation.of(labels, truth, predicted, Double.NaN);
    }
}
