package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    /** Draws labels from the probabilities themselves: a perfectly calibrated predictor. */
    private static int[] drawn(double[][] p, Random random) {
        int[] truth = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            double u = random.nextDouble();
            int l = 0;
            while (l < p[i].length - 1 && u >= p[i][l]) {
                u -= p[i][l];
                l++;
            }
            truth[i] = l;
        }
        return truth;
    }

    private static double[][] randomProbabilities(int n, Random random) {
        double[][] p = new double[n][3];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int l = 0; l < 3; l++) {
                p[i][l] = Math.exp(2 * random.nextGaussian());
                sum += p[i][l];
            }
            for (int l = 0; l < 3; l++) {
                p[i][l] /= sum;
            }
        }
        return p;
    }

    @Test
    void aCalibratedPredictorHasASmallErrorAndTemperatureOne() {
        Random random = new Random(5);
        double[][] p = randomProbabilities(50_000, random);
        int[] truth = drawn(p, random);
        Calibration.Report report = Calibration.report(truth, p, 10);
        assertTrue(report.ece() < 0.01, "ECE " + report.ece());
        assertEquals(1.0, Calibration.fitTemperature(truth, p), 0.05);
        int rows = report.bins().stream().mapToInt(Calibration.Bin::count).sum();
        assertEquals(50_000, rows, "every prediction falls in a bin");
    }

    @Test
    void anOverconfidentPredictorIsFoundAndItsTemperatureRecovered() {
        Random random = new Random(6);
        double[][] honest = randomProbabilities(50_000, random);
        int[] truth = drawn(honest, random);
        double[][] overconfident = Calibration.withTemperature(honest, 0.5);
        assertTrue(Calibration.report(truth, overconfident, 10).ece() > 0.05);
        double t = Calibration.fitTemperature(truth, overconfident);
        assertEquals(2.0, t, 0.1, "dividing the logits by 2 undoes the sharpening by 0.5");
        double[][] fixed = Calibration.withTemperature(overconfident, t);
        assertTrue(Calibration.report(truth, fixed, 10).ece() < 0.01);
        assertTrue(
                Calibration.report(truth, fixed, 10).logLoss()
                        < Calibration.report(truth, overconfident, 10).logLoss());
    }
}
