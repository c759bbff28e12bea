package dev.switchboard.operators.insights;

import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.Insight;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Complaints of one topic as a Poisson process, minute by minute, through {@link SurgeDetector},
 * with the minute timers the operator would fire while a surge is open: how the detector's
 * statistics are tested and measured (bench's {@code SurgeDetection}), without Flink.
 */
public final class SurgeSimulation {
    final SurgeState state = new SurgeState();
    final InsightPolicy policy;
    final List<Insight> insights = new ArrayList<>();
    private final Random random;
    private int sequence;

    public SurgeSimulation(InsightPolicy policy, long seed) {
        this.policy = policy;
        this.random = new Random(seed);
    }

    /** Runs from minute {@code from} to {@code to} (exclusive) at {@code perHour} complaints. */
    public void run(long from, long to, double perHour) {
        for (long minute = from; minute < to; minute++) {
            if (state.open) {
                add(SurgeDetector.minuteEnded(state, minute * 60_000, policy));
            }
            int n = poisson(perHour / 60);
            for (int k = 0; k < n; k++) {
                long ts = minute * 60_000 + random.nextInt(60_000);
                add(
                        SurgeDetector.record(
                                state,
                                new ComplaintSignal("acme", "c" + sequence++, "refund", null, ts),
                                policy));
            }
        }
    }

    /** The surges opened so far. */
    public List<Insight> opened() {
        return insights.stream().filter(i -> i.phase == Insight.Phase.OPENED).toList();
    }

    private void add(Insight i) {
        if (i != null) {
            insights.add(i);
        }
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
