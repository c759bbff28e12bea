package dev.switchboard.models.training;

import java.util.List;

/**
 * Classification figures for one evaluation: accuracy, macro-F1, per-class precision, recall and
 * F1, the confusion matrix (rows: true label, columns: predicted), and the single-thread scoring
 * rate measured over the set after a warm-up pass.
 */
public record Evaluation(
        List<String> labels,
        int n,
        double accuracy,
        double macroF1,
        double[] precision,
        double[] recall,
        double[] f1,
        int[][] confusion,
        double msgsPerSecond) {

    /** Computes the figures from parallel arrays of true and predicted label indices. */
    public static Evaluation of(
            List<String> labels, int[] truth, int[] predicted, double msgsPerSecond) {
        int k = labels.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) {
                correct++;
            }
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int predictedC = 0;
            int actualC = 0;
            for (int o = 0; o < k; o++) {
                predictedC += confusion[o][c];
                actualC += confusion[c][o];
            }
            precision[c] = predictedC == 0 ? 0 : (double) tp / predictedC;
            recall[c] = actualC == 0 ? 0 : (double) tp / actualC;
            f1[c] =
                    precision[c] + recall[c] == 0
                            ? 0
                            : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
            f1Sum += f1[c];
        }
        return new Evaluation(
                labels,
                truth.length,
                truth.length == 0 ? 0 : (double) correct / truth.length,
                k == 0 ? 0 : f1Sum / k,
                precision,
                recall,
                f1,
                confusion,
                msgsPerSecond);
    }
}
