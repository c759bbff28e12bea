package dev.switchboard.models.training;

import dev.switchboard.models.intent.EmbeddingIntentModel;
import dev.switchboard.models.meaning.EmbeddingHead;
import dev.switchboard.models.meaning.EmbeddingHeadTrainer;
import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-validates an embedding intent model ({@link EmbeddingIntentModel}): on {@link
 * CrossValidation}'s folds, each fold's hashed model and embedding head are trained on the other
 * folds, and the held-out rows are scored by each alone and by their combination, so the three
 * figures come from one run and can be compared.
 */
public final class EmbeddingCrossValidation {
    private EmbeddingCrossValidation() {}

    /** The out-of-fold figures of the hashed model, the head, and the two combined. */
    public record Figures(
            CrossValidation.Result hashed,
            CrossValidation.Result head,
            CrossValidation.Result combined) {}

    /**
     * @param embeddings each row's vector, in row order, from the embedder named {@code embedder}
     */
    public static Figures run(
            TrainingRecipe recipe,
            List<LabelledText> rows,
            float[][] embeddings,
            String embedder,
            int folds,
            long seed) {
        int[] foldOf = CrossValidation.foldOf(rows, folds, seed);
        List<String> labels = recipe.labels();
        int n = labels.size();
        double[][] hashedP = new double[rows.size()][];
        double[][] headP = new double[rows.size()][];
        double[][] combinedP = new double[rows.size()][];
        FeatureBuffer buffer = new FeatureBuffer();
        EmbeddingHeadTrainer headTrainer =
                new EmbeddingHeadTrainer(embedder, EmbeddingHeadTrainer.SIGMA);
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledText> train = new ArrayList<>();
            List<float[]> trainVectors = new ArrayList<>();
            List<String> trainLabels = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (foldOf[i] != fold) {
                    train.add(rows.get(i));
                    trainVectors.add(embeddings[i]);
                    trainLabels.add(rows.get(i).label());
                }
            }
            HashedLinearModel hashed = recipe.train(train, List.of()).model();
            EmbeddingHead head = headTrainer.train(labels, trainVectors, trainLabels).head();
            for (int i = 0; i < rows.size(); i++) {
                if (foldOf[i] != fold) {
                    continue;
                }
                hashedP[i] = new double[n];
                hashed.probabilities(rows.get(i).text(), buffer, hashedP[i]);
                double[] headLog = new double[n];
                head.logProbabilities(embeddings[i], headLog);
                headP[i] = new double[n];
                for (int l = 0; l < n; l++) {
                    headP[i][l] = Math.exp(headLog[l]);
                }
                combinedP[i] = new double[n];
                EmbeddingIntentModel.combine(headLog, hashedP[i], combinedP[i]);
            }
        }
        return new Figures(
                CrossValidation.result(labels, rows, hashedP),
                CrossValidation.result(labels, rows, headP),
                CrossValidation.result(labels, rows, combinedP));
    }
}
