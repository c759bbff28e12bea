package dev.switchboard.models.meaning;

/**
 * Two models' distributions over the same labels combined as a weighted product, {@code p ~ a^w *
 * b^(1-w)}, normalised: the embedding head beside a hashed model, for intents and for the second
 * opinion on sentiment. A label both models find likely wins; one model's strong view outweighs the
 * other's weak one.
 */
public final class ProductOfExperts {
    private ProductOfExperts() {}

    /**
     * @param logA the first model's log-probabilities
     * @param b the second model's probabilities
     * @param weightA the first model's share, in [0, 1]
     * @param out receives the combined probabilities
     */
    public static void combine(double[] logA, double[] b, double weightA, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < out.length; l++) {
            out[l] = weightA * logA[l] + (1 - weightA) * Math.log(Math.max(b[l], 1e-300));
            max = Math.max(max, out[l]);
        }
        double z = 0;
        for (int l = 0; l < out.length; l++) {
            out[l] = Math.exp(out[l] - max);
            z += out[l];
        }
        for (int l = 0; l < out.length; l++) {
            out[l] /= z;
        }
    }
}
