package dev.switchboard.bench;

import dev.switchboard.operators.insights.InsightPolicy;
import dev.switchboard.operators.insights.SurgeSimulation;
import dev.switchboard.operators.records.Insight;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How fast the complaint-surge detector (default policy) reports a threefold rise, and how often it
 * fires on steady traffic, by baseline rate: for each rate, {@code runs} simulated topics learn a
 * day of steady Poisson complaints, run a second steady day (its surges are false alarms), then
 * triple for an hour. Prints one line per rate. docs/insights.md quotes it.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.switchboard.bench.SurgeDetection [runs]}
 */
public final class SurgeDetection {
    private static final long DAY = 24 * 60;

    private SurgeDetection() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.printf(
                "%-10s %-22s %-26s %-10s %-10s %-10s %-10s%n",
                "per hour",
                "false alarms (day 2)",
                "first day (cold start)",
                "p10 s",
                "median s",
                "p90 s",
                "<= 5 min");
        for (double perHour : new double[] {5, 10, 20, 40, 60, 120, 240}) {
            int falseAlarms = 0;
            int coldStart = 0;
            List<Long> delays = new ArrayList<>();
            for (int seed = 0; seed < runs; seed++) {
                SurgeSimulation sim = new SurgeSimulation(new InsightPolicy(), 10_000 + seed);
                sim.run(0, DAY, perHour);
                int first = sim.opened().size();
                sim.run(DAY, 2 * DAY, perHour);
                coldStart += first;
                falseAlarms += sim.opened().size() - first;
                int before = sim.opened().size();
                sim.run(2 * DAY, 2 * DAY + 60, 3 * perHour);
                List<Insight> opened = sim.opened();
                delays.add(
                        opened.size() > before
                                ? (opened.get(before).ts - 2 * DAY * 60_000) / 1000
                                : Long.MAX_VALUE);
            }
            Collections.sort(delays);
            long within5 = delays.stream().filter(d -> d <= 300).count();
            System.out.printf(
                    "%-10.0f %-22s %-26s %-10s %-10s %-10s %-10s%n",
                    perHour,
                    falseAlarms + " in " + runs + " days",
                    coldStart + " in " + runs + " days",
                    shown(delays.get(runs / 10)),
                    shown(delays.get(runs / 2)),
                    shown(delays.get(runs * 9 / 10)),
                    String.format("%.0f%%", 100.0 * within5 / runs));
        }
    }

    private static String shown(long seconds) {
        return seconds == Long.MAX_VALUE ? "> 3600" : Long.toString(seconds);
    }
}
