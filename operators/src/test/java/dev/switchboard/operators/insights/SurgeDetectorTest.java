package dev.switchboard.operators.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.Insight;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The surge detector on simulated complaints (Poisson, minute by minute). Seeds are fixed for
 * repeatability; the detector's defaults were chosen on other seeds (0 to 49), not these.
 */
class SurgeDetectorTest {
    private static final long DAY = 24 * 60;
    private static final int RUNS = 40;

    @ParameterizedTest
    @ValueSource(doubles = {5, 20, 60, 120})
    void steadyTrafficOpensAlmostNoSurgeOnceTheBaselineIsLearned(double perHour) {
        int surges = 0;
        for (int seed = 2000; seed < 2000 + RUNS; seed++) {
            SurgeSimulation sim = new SurgeSimulation(new InsightPolicy(), seed);
            sim.run(0, DAY, perHour);
            int learning = sim.opened().size();
            sim.run(DAY, 2 * DAY, perHour);
            surges += sim.opened().size() - learning;
        }
        // Measured with the defaults: at most 1 in 50 topic-days at any rate from 5 to 240 an
        // hour; a detector twice as twitchy (significance 1e-4) makes 2 to 6.
        assertTrue(surges <= 1, surges + " surges in " + RUNS + " steady topic-days");
    }

    @Test
    void aThreefoldRiseAtAHundredAndTwentyAnHourIsReportedWithinFiveMinutesMostOfTheTime() {
        int within = 0;
        for (int seed = 3000; seed < 3000 + RUNS; seed++) {
            Long delay = delayOfThreefoldRise(120, seed, 60);
            if (delay != null && delay < 5 * 60_000) {
                within++;
            }
        }
        // Measured on seeds 1000-1049: 35 of 50. At 20 an hour the 5-minute target is out of
        // reach for any detector this quiet (docs/insights.md), so it is not asserted there.
        assertTrue(within >= RUNS / 2, within + " of " + RUNS + " within 5 minutes");
    }

    @Test
    void aThreefoldRiseAtTwentyAnHourIsReportedWithinTheHour() {
        int within = 0;
        for (int seed = 4000; seed < 4000 + RUNS; seed++) {
            Long delay = delayOfThreefoldRise(20, seed, 60);
            if (delay != null) {
                within++;
            }
        }
        assertTrue(within >= RUNS * 8 / 10, within + " of " + RUNS + " within the hour");
    }

    /** The delay from a threefold rise to the surge it opens, or null if none within minutes. */
    private static Long delayOfThreefoldRise(double perHour, long seed, int minutes) {
        SurgeSimulation sim = new SurgeSimulation(new InsightPolicy(), seed);
        sim.run(0, 2 * DAY, perHour);
        int before = sim.opened().size();
        sim.run(2 * DAY, 2 * DAY + minutes, 3 * perHour);
        List<Insight> opened = sim.opened();
        return opened.size() > before ? opened.get(before).ts - 2 * DAY * 60_000 : null;
    }

    @Test
    void aSurgeGrowsClosesAfterItEndsAndDoesNotFlap() {
        SurgeSimulation sim = new SurgeSimulation(new InsightPolicy(), 7);
        sim.run(0, 2 * DAY, 60);
        sim.insights.clear();
        sim.run(2 * DAY, 2 * DAY + 30, 240);
        sim.run(2 * DAY + 30, 2 * DAY + 150, 60);
        List<Insight.Phase> phases = sim.insights.stream().map(i -> i.phase).toList();
        assertEquals(Insight.Phase.OPENED, phases.get(0), phases.toString());
        assertEquals(1, phases.stream().filter(p -> p == Insight.Phase.OPENED).count());
        assertEquals(Insight.Phase.CLOSED, phases.get(phases.size() - 1), phases.toString());
        assertTrue(phases.contains(Insight.Phase.UPDATED), phases.toString());
        Insight closed = sim.insights.get(sim.insights.size() - 1);
        // Closed once the window had drained, not while the surge went on.
        long endOfSurge = (2 * DAY + 30) * 60_000;
        assertTrue(
                closed.ts > endOfSurge && closed.ts <= endOfSurge + 30 * 60_000, closed.toString());
        List<Insight> updates =
                sim.insights.stream().filter(i -> i.phase == Insight.Phase.UPDATED).toList();
        for (int k = 1; k < updates.size(); k++) {
            assertTrue(updates.get(k).count > updates.get(k - 1).count);
        }
        // Every record of the surge carries its episode id.
        assertEquals(1, sim.insights.stream().map(i -> i.episodeId).distinct().count());
    }

    @Test
    void aTopicInItsWarmUpCannotSurge() {
        InsightPolicy policy = new InsightPolicy();
        SurgeState s = new SurgeState();
        for (int k = 0; k < 40; k++) {
            assertNull(SurgeDetector.record(s, complaint(k, k * 20_000L), policy));
        }
    }

    @Test
    void withoutWarmUpTwentyComplaintsInFifteenMinutesOfATopicNeverSeenSurgeButEightDoNot() {
        InsightPolicy policy = new InsightPolicy();
        policy.baselineWarmupMs = 0;
        SurgeState eight = new SurgeState();
        for (int k = 0; k < 8; k++) {
            assertNull(SurgeDetector.record(eight, complaint(k, k * 110_000L), policy));
        }
        SurgeState twenty = new SurgeState();
        Insight opened = null;
        for (int k = 0; k < 20 && opened == null; k++) {
            opened = SurgeDetector.record(twenty, complaint(k, k * 45_000L), policy);
        }
        assertNotNull(opened);
        assertEquals(Insight.Phase.OPENED, opened.phase);
        assertEquals("acme", opened.tenant);
        assertEquals("refund", opened.topic);
        assertTrue(
                opened.factor >= policy.surgeMinFactor && opened.pValue <= 1e-5, opened.toString());
        assertEquals(SurgeDetector.EXAMPLES, opened.examples.size());
        assertTrue(opened.examples.get(0).ts >= opened.examples.get(1).ts, "newest first");
    }

    @Test
    void theMinutesOfAnOpenSurgeDoNotTeachTheBaseline() {
        SurgeSimulation sim = new SurgeSimulation(new InsightPolicy(), 11);
        sim.run(0, 2 * DAY, 60);
        double before = SurgeDetector.ratePerMinute(sim.state, sim.policy);
        sim.run(2 * DAY, 2 * DAY + 40, 360);
        assertTrue(sim.state.open);
        double during = SurgeDetector.ratePerMinute(sim.state, sim.policy);
        assertEquals(before, during, before * 0.05);
    }

    @Test
    void noExampleIsKeptPastTheHourTheDetectorCounts() {
        InsightPolicy policy = new InsightPolicy();
        SurgeState s = new SurgeState();
        SurgeDetector.record(s, complaint(0, 0), policy);
        SurgeDetector.minuteEnded(s, 59 * 60_000L, policy);
        assertEquals(1, s.examples.size());
        SurgeDetector.minuteEnded(s, 60 * 60_000L, policy);
        assertEquals(0, s.examples.size(), "the excerpt of an hour ago is gone");
    }

    @Test
    void aComplaintOlderThanTheRingIsNotCounted() {
        InsightPolicy policy = new InsightPolicy();
        SurgeState s = new SurgeState();
        SurgeDetector.record(s, complaint(0, 120 * 60_000L), policy);
        SurgeDetector.record(s, complaint(1, 0), policy);
        assertEquals(1, SurgeDetector.window(s, policy, 60).count());
    }

    private static ComplaintSignal complaint(int k, long ts) {
        return new ComplaintSignal("acme", "c" + k, "refund", "excerpt " + k, ts);
    }
}
