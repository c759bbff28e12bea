package dev.switchboard.models.training;

import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.util.List;

/** Scores labelled examples with a serving model and measures quality and single-thread speed. */
public final class ModelEvaluator {
    private ModelEvaluator() {}

    /**
     * Scores every row twice on the calling thread: a warm-up pass (JIT, buffers), then a timed
     * pass whose predictions give the figures. Speed includes feature extraction, as in serving.
     */
    public static Evaluation evaluate(HashedLinearModel model, List<LabelledText> data) {
        List<String> labels = model.labels();
        int[] truth = new int[data.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = labels.indexOf(data.get(i).label());
            if (truth[i] < 0) {
                throw new IllegalArgumentException(
                        "label '"
                                + data.get(i).label()
                                + "' is not one of the model's labels "
                                + labels);
            }
        }
        FeatureBuffer buffer = new FeatureBuffer();
        double[] probabilities = new double[labels.size()];
        int[] predicted = new int[data.size()];
        predictAll(model, data, buffer, probabilities, predicted);
        long start = System.nanoTime();
        predictAll(model, data, buffer, probabilities, predicted);
        long elapsed = Math.max(1, System.nanoTime() - start);
        return Evaluation.of(labels, truth, predicted, data.size() * 1e9 / elapsed);
    }

    /** Each row's label probabilities (in the model's label order). */
    public static double[][] probabilities(HashedLinearModel model, List<LabelledText> data) {
        FeatureBuffer buffer = new FeatureBuffer();
        double[][] p = new double[data.size()][model.labelCount()];
        for (int i = 0; i < p.length; i++) {
            model.probabilities(data.get(i).text(), buffer, p[i]);
        }
        return p;
    }

    private static void predictAll(
            HashedLinearModel model,
            List<LabelledText> data,
            FeatureBuffer buffer,
            double[] p,
            int[] out) {
        for (int i = 0; i < out.length; i++) {
            model.probabilities(data.get(i).text(), buffer, p);
            out[i] = argMax(p);
        }
    }

    public static int argMax(double[] p) {
        int best = 0;
        for (int l = 1; l < p.length; l++) {
            if (p[l] > p[best]) {
                best = l;
            }
        }
        return best;
    }
}
