package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NaiveBayesScalingTest {
    // Buckets: 0 only in class 0, 1 in every example, 2 mostly class 1, 3 never seen.
    private static final List<int[]> BUCKETS =
            List.of(
                    new int[] {0, 1},
                    new int[] {0, 1},
                    new int[] {1, 2},
                    new int[] {1, 2},
                    new int[] {1, 2},
                    new int[] {0, 1, 2});
    private static final int[] CLASSES = {0, 0, 1, 1, 1, 0};

    @Test
    void classSpecificBucketsScaleUpAndSpreadOnesDown() {
        double[] s = NaiveBayesScaling.scales(BUCKETS, CLASSES, ones(6), 2, 4);
        assertTrue(
                s[0] > s[1],
                "a bucket of one class outweighs one in every example: " + s[0] + " vs " + s[1]);
        assertTrue(s[2] > s[1], "a mostly-class-1 bucket outweighs one in every example");
        assertEquals(0.0, s[3], "a bucket no example has gets no scale");
    }

    @Test
    void twoClassScaleIsTheAbsoluteLogRatio() {
        double[] s = NaiveBayesScaling.scales(BUCKETS, CLASSES, ones(6), 2, 4);
        // class 0 holds 3 examples with 7 bucket occurrences in all (0,1,0,1,0,1,2), class 1 holds
        // 6 (1,2 x3);
        // 3 distinct buckets seen; bucket 0: 3 in class 0, 0 in class 1.
        double p = (1 + 3.0) / (3 + 7.0);
        double q = (1 + 0.0) / (3 + 6.0);
        assertEquals(Math.abs(Math.log(p / q)), s[0], 1e-12);
    }

    @Test
    void exampleWeightsCountAsRepetitions() {
        float[] w = {2, 2, 1, 1, 1, 2};
        List<int[]> repeated = new java.util.ArrayList<>(BUCKETS);
        repeated.addAll(List.of(new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 1, 2}));
        int[] classes = {0, 0, 1, 1, 1, 0, 0, 0, 0};
        double[] weighted = NaiveBayesScaling.scales(BUCKETS, CLASSES, w, 2, 4);
        double[] copied = NaiveBayesScaling.scales(repeated, classes, ones(9), 2, 4);
        for (int b = 0; b < 4; b++) {
            assertEquals(copied[b], weighted[b], 1e-12);
        }
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        return w;
    }
}
