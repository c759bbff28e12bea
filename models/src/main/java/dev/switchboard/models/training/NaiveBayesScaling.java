package dev.switchboard.models.training;

import java.util.List;

/**
 * Per-bucket feature scales from naive-Bayes log-count ratios, after Wang and Manning's NBSVM
 * ("Baselines and Bigrams", ACL 2012): a feature that occurs far more often in one class than in
 * the others enters the logistic regression with a larger value, so the Gaussian prior holds its
 * weight back less than that of a feature spread evenly over the classes (the "@user"s, "the"s and
 * character trigrams that make up most of a message).
 *
 * <p>For each class c, with smoothed presence counts {@code p_c} (examples of class c containing
 * the feature) and {@code q_c} (examples of the other classes), the ratio is {@code r_c = log((p_c
 * / |p_c|) / (q_c / |q_c|))}; a bucket's scale is the mean of {@code |r_c|} over the classes. One
 * scale per bucket, shared by all classes, keeps the model a plain multinomial logistic regression
 * whose exported weights are CoreNLP's times the scale.
 *
 * <p>The scales are computed from the training examples only (inside cross-validation, from the
 * training folds), weighted like the examples. A bucket no training example has gets scale 0: the
 * classifier never saw it, so it has no weight either way.
 */
final class NaiveBayesScaling {
    /**
     * Add-one smoothing, the usual choice; 0.5 and 2 cross-validated no better (with the
     * max-over-classes scale).
     */
    private static final double SMOOTHING = 1.0;

    private NaiveBayesScaling() {}

    /**
     * @param bucketsPerExample the distinct bucket ids of each example
     * @param classes the class index of each example
     * @param weights the weight of each example
     * @param classCount number of classes
     * @param bucketCount number of buckets
     * @return the scale of each bucket
     */
    static double[] scales(
            List<int[]> bucketsPerExample,
            int[] classes,
            float[] weights,
            int classCount,
            int bucketCount) {
        double[] counts = new double[bucketCount * classCount];
        boolean[] seen = new boolean[bucketCount];
        double[] totals = new double[classCount];
        int distinct = 0;
        for (int i = 0; i < bucketsPerExample.size(); i++) {
            int c = classes[i];
            for (int bucket : bucketsPerExample.get(i)) {
                counts[bucket * classCount + c] += weights[i];
                totals[c] += weights[i];
                if (!seen[bucket]) {
                    seen[bucket] = true;
                    distinct++;
                }
            }
        }
        double allTotal = 0;
        for (double t : totals) {
            allTotal += t;
        }
        double smoothedVocabulary = SMOOTHING * distinct;
        double[] scales = new double[bucketCount];
        for (int bucket = 0; bucket < bucketCount; bucket++) {
            if (!seen[bucket]) {
                continue;
            }
            double all = 0;
            for (int c = 0; c < classCount; c++) {
                all += counts[bucket * classCount + c];
            }
            double sum = 0;
            for (int c = 0; c < classCount; c++) {
                double inClass = counts[bucket * classCount + c];
                double p = (SMOOTHING + inClass) / (smoothedVocabulary + totals[c]);
                double q =
                        (SMOOTHING + all - inClass) / (smoothedVocabulary + allTotal - totals[c]);
                sum += Math.abs(Math.log(p / q));
            }
            scales[bucket] = sum / classCount;
        }
        return scales;
    }
}
