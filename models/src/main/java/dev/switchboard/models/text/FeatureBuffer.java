package dev.switchboard.models.text;

import java.util.Arrays;

/**
 * Reusable scratch space for {@link TextFeatures#extract}: the normalised text, token spans and the
 * feature ids of one message. One buffer per thread; it grows to the longest message seen and is
 * never shrunk, so the scoring path allocates nothing once it is warm.
 */
public final class FeatureBuffer {
    char[] chars = new char[256];
    int length;

    int[] tokenStart = new int[64];
    int[] tokenEnd = new int[64];
    long[] tokenHash = new long[64];
    byte[] tokenKind = new byte[64];
    int tokenCount;

    int[] features = new int[1024];
    int featureCount;

    final double[] dense = new double[TextFeatures.DENSE_FEATURES];
    final int[] vectorSum = new int[WordVectors.DIMENSIONS];

    /** The feature ids written by the last {@code extract}; valid up to {@link #featureCount()}. */
    public int[] features() {
        return features;
    }

    public int featureCount() {
        return featureCount;
    }

    /**
     * The dense features of the last {@code extract}, when its {@link TextFeatures} has word
     * vectors.
     */
    public double[] dense() {
        return dense;
    }

    void reset() {
        length = 0;
        tokenCount = 0;
        featureCount = 0;
    }

    void appendChar(char c) {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[length++] = c;
    }

    void addToken(int start, int end, long hash, byte kind) {
        if (tokenCount == tokenStart.length) {
            int n = tokenCount * 2;
            tokenStart = Arrays.copyOf(tokenStart, n);
            tokenEnd = Arrays.copyOf(tokenEnd, n);
            tokenHash = Arrays.copyOf(tokenHash, n);
            tokenKind = Arrays.copyOf(tokenKind, n);
        }
        tokenStart[tokenCount] = start;
        tokenEnd[tokenCount] = end;
        tokenHash[tokenCount] = hash;
        tokenKind[tokenCount] = kind;
        tokenCount++;
    }

    void addFeature(int id) {
        if (featureCount == features.length) {
            features = Arrays.copyOf(features, features.length * 2);
        }
        features[featureCount++] = id;
    }
}
