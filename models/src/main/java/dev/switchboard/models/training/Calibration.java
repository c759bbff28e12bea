package dev.switchboard.models.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a model's probabilities mean what they say, and temperature scaling to make them (Guo et
 * al., "On Calibration of Modern Neural Networks", 2017).
 *
 * <p>The escalation policy reads {@code p(positive) - p(negative)} against thresholds, so a model
 * that says 0.9 must be right nine times in ten on the messages it serves. Temperature scaling
 * divides every logit by one number T fitted to minimise the log-loss of out-of-fold predictions:
 * it changes no prediction's label, only how sure it is, and for a linear model it folds into the
 * weights ({@link dev.switchboard.models.text.HashedLinearModel#withTemperature}), so serving costs
 * nothing more.
 */
public final class Calibration {
    private Calibration() {}

    /**
     * One bin of a reliability table: predictions whose top-label confidence fell in [from, to).
     */
    public record Bin(double from, double to, int count, double meanConfidence, double accuracy) {}

    /**
     * @param ece expected calibration error: the count-weighted mean gap between confidence and
     *     accuracy over the bins
     * @param logLoss mean negative log-probability of the true label
     */
    public record Report(double ece, double logLoss, List<Bin> bins) {}

    /**
     * Reliability of the top-label confidence of {@code probabilities} (rows) against {@code
     * truth}, in equal-width bins.
     */
    public static Report report(int[] truth, double[][] probabilities, int binCount) {
        int[] count = new int[binCount];
        double[] confidence = new double[binCount];
        int[] correct = new int[binCount];
        double logLoss = 0;
        for (int i = 0; i < truth.length; i++) {
            double[] p = probabilities[i];
            int top = ModelEvaluator.argMax(p);
            int bin = Math.min(binCount - 1, (int) (p[top] * binCount));
            count[bin]++;
            confidence[bin] += p[top];
            if (top == truth[i]) {
                correct[bin]++;
            }
            logLoss -= Math.log(Math.max(1e-12, p[truth[i]]));
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            if (count[b] == 0) {
                continue;
            }
            double meanConfidence = confidence[b] / count[b];
            double accuracy = (double) correct[b] / count[b];
            bins.add(
                    new Bin(
                            (double) b / binCount,
                            (double) (b + 1) / binCount,
                            count[b],
                            meanConfidence,
                            accuracy));
            ece += count[b] * Math.abs(meanConfidence - accuracy) / truth.length;
        }
        return new Report(ece, truth.length == 0 ? Double.NaN : logLoss / truth.length, bins);
    }

    /** The probabilities at temperature {@code t}: softmax(log p / t). */
    public static double[][] withTemperature(double[][] probabilities, double t) {
        double[][] out = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            double[] p = probabilities[i];
            double[] q = new double[p.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < p.length; l++) {
                q[l] = Math.log(Math.max(1e-300, p[l])) / t;
                max = Math.max(max, q[l]);
            }
            double sum = 0;
            for (int l = 0; l < p.length; l++) {
                q[l] = Math.exp(q[l] - max);
                sum += q[l];
            }
            for (int l = 0; l < p.length; l++) {
                q[l] /= sum;
            }
            out[i] = q;
        }
        return out;
    }

    /**
     * The temperature in [0.1, 10] that minimises the log-loss of {@code probabilities} against
     * {@code truth}: golden-section search on log T (the loss is convex in 1/T).
     */
    public static double fitTemperature(int[] truth, double[][] probabilities) {
        double lo = Math.log(0.1);
        double hi = Math.log(10);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double fa = logLoss(truth, probabilities, Math.exp(a));
        double fb = logLoss(truth, probabilities, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = logLoss(truth, probabilities, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = logLoss(truth, probabilities, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    private static double logLoss(int[] truth, double[][] probabilities, double t) {
        double loss = 0;
        for (int i = 0; i < truth.length; i++) {
            double[] p = probabilities[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : p) {
                max = Math.max(max, Math.log(Math.max(1e-300, v)) / t);
            }
            double sum = 0;
            for (double v : p) {
                sum += Math.exp(Math.log(Math.max(1e-300, v)) / t - max);
            }
            loss -= Math.log(Math.max(1e-300, p[truth[i]])) / t - max - Math.log(sum);
        }
        return loss / truth.length;
    }
}
