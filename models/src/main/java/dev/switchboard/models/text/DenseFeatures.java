package dev.switchboard.models.text;

import java.util.Arrays;

/**
 * The dense features of a message, from {@link WordVectors}: what word vectors and word polarities
 * add to the hashed features ({@link TextFeatures#DENSE_FEATURES} of them).
 */
final class DenseFeatures {
    private DenseFeatures() {}

    /**
     * Writes the dense features: the mean vector of the words that have one (scaled by {@link
     * TextFeatures#VECTOR_SCALE}), then, over the words with a polarity p, the sum of the positive
     * parts and of the negative parts (each divided by the square root of the count, like the
     * hashed features), the largest p (at least 0) and the smallest (at most 0). All zero when no
     * word is known. The polarity is the word's own, not flipped in negation scope: a flipped
     * variant cross-validated no better, and the negated n-grams already carry negation.
     */
    static void write(FeatureBuffer b, WordVectors wordVectors) {
        double[] dense = b.dense;
        Arrays.fill(dense, 0.0);
        int[] vectorSum = b.vectorSum;
        Arrays.fill(vectorSum, 0);
        int withVector = 0;
        int withPolarity = 0;
        double positive = 0;
        double negative = 0;
        double max = 0;
        double min = 0;
        for (int t = 0; t < b.tokenCount; t++) {
            if (b.tokenKind[t] != Tokenizer.WORD) {
                continue;
            }
            int entry = wordVectors.entryOf(b.tokenHash[t]);
            if (entry < 0) {
                continue;
            }
            if (wordVectors.hasVector(entry)) {
                wordVectors.addVector(entry, vectorSum);
                withVector++;
            }
            float p = wordVectors.polarity(entry);
            if (!Float.isNaN(p)) {
                withPolarity++;
                if (p > 0) {
                    positive += p;
                } else {
                    negative -= p;
                }
                max = Math.max(max, p);
                min = Math.min(min, p);
            }
        }
        int d = WordVectors.DIMENSIONS;
        if (withVector > 0) {
            double scale = TextFeatures.VECTOR_SCALE * wordVectors.vectorScale() / withVector;
            for (int k = 0; k < d; k++) {
                dense[k] = vectorSum[k] * scale;
            }
        }
        if (withPolarity > 0) {
            double norm = Math.sqrt(withPolarity);
            dense[d] = positive / norm;
            dense[d + 1] = negative / norm;
            dense[d + 2] = max;
            dense[d + 3] = min;
        }
    }
}
