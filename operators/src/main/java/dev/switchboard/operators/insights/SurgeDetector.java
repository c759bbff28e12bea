package dev.switchboard.operators.insights;

import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.InsightExample;
import dev.switchboard.operators.records.RecordIds;
import java.util.ArrayList;
import org.apache.commons.math3.special.Gamma;

/**
 * Complaint surges of one tenant and topic, in plain Java: complaints are counted by minute of
 * event time, and the count in a sliding window (15 minutes by default) is compared with what a
 * baseline learned online expects in such a window at that hour of day.
 *
 * <p>The baseline is the rate seen (complaints per minute observed, with or without complaints;
 * older minutes decay with {@code baselineHalfLife}), but no less than {@code baselinePerHour}
 * times a weight that fades as history grows ({@code baselinePrior / (baselinePrior + observed)}):
 * a quiet topic's first hours must not make it look quieter than it is. The hour-of-day rate starts
 * from the overall rate and moves towards that hour's own observations, four hours of which weigh
 * as much as the overall rate. A minute is learned when it leaves the hour the detector keeps by
 * minute, so a rise never raises its own baseline while it is being tested; the minutes of a surge
 * are not learned at all (a surge must not teach the baseline that it is normal) unless it stays
 * open for {@link #LEARN_AFTER_OPEN_MS}: a lasting rise becomes the new normal, and the surge then
 * closes. Once closed, a surge is not opened again from windows that reach back into it.
 *
 * <p>A topic cannot surge before {@code baselineWarmup} of its baseline has been learned (an hour
 * by default, which, learning lagging an hour, is two hours after its first complaint): at a first
 * deployment every busy topic would otherwise look like a surge against the prior.
 *
 * <p>A surge opens when the count of the window, of its last third (a sharp rise shows there first)
 * or of four times the window (up to an hour: a slow rise at a small baseline shows only there) is
 * at least {@code surgeMinCount}, at least {@code surgeMinFactor} times the expected count, and as
 * unlikely as {@code surgeSignificance} under the baseline (Poisson upper tail). It is published
 * again each time its count grows by a quarter (at least 2), and closes, at a minute's end, when
 * count / expected falls below {@code surgeCloseFactor} or the count below half of {@code
 * surgeMinCount}: hysteresis, so a surge does not flap at its threshold. Opening is checked on
 * every complaint, so a surge is reported on the complaint that makes it, not a minute later.
 */
public final class SurgeDetector {
    static final int EXAMPLES = 3;
    static final long MINUTE_MS = 60_000;
    static final long LEARN_AFTER_OPEN_MS = 3_600_000;

    /** Minutes of an hour-of-day slot's own observations that weigh as much as the overall rate. */
    private static final double SLOT_PRIOR_MINUTES = 240;

    private SurgeDetector() {}

    /** Counts a complaint; returns the insight it opens or grows, or null. */
    public static Insight record(SurgeState s, ComplaintSignal c, InsightPolicy policy) {
        s.tenant = c.tenant;
        s.topic = c.topic;
        long minute = Math.floorDiv(c.ts, MINUTE_MS);
        if (s.minute == Long.MIN_VALUE) {
            s.minute = minute;
            s.observedFrom = minute;
        }
        advance(s, minute, policy);
        if (minute > s.minute - SurgeState.RING_MINUTES) {
            // A complaint within the ring but behind its head (out of order) still counts.
            s.buckets[ring(minute)]++;
        }
        s.examples.add(0, new InsightExample(c.conversationId, c.excerpt, c.ts));
        if (s.examples.size() > EXAMPLES) {
            s.examples.remove(EXAMPLES);
        }
        return evaluate(s, policy, c.ts, false);
    }

    /**
     * The minute before {@code ts} has ended (an event-time timer): learns it and closes the surge
     * if it has subsided. Returns the insight, or null.
     */
    public static Insight minuteEnded(SurgeState s, long ts, InsightPolicy policy) {
        if (s.minute == Long.MIN_VALUE) {
            return null;
        }
        advance(s, Math.floorDiv(ts, MINUTE_MS), policy);
        return evaluate(s, policy, ts, true);
    }

    /** When the oldest example will have left the hour the detector keeps, epoch ms. */
    public static long examplesExpireAt(SurgeState s) {
        long oldest = s.examples.stream().mapToLong(e -> e.ts).min().orElse(Long.MAX_VALUE);
        long pastTheRing = (SurgeState.RING_MINUTES - 1) * MINUTE_MS;
        return oldest > Long.MAX_VALUE - pastTheRing - MINUTE_MS
                ? Long.MAX_VALUE
                : EventTimeOrder.endOfStep(oldest + pastTheRing, MINUTE_MS);
    }

    /** The end of the ring's head minute: when an open surge is judged next, epoch ms. */
    public static long endOfHeadMinute(SurgeState s) {
        return EventTimeOrder.endOfStep(s.minute * MINUTE_MS, MINUTE_MS);
    }

    /** A window's complaints against the baseline's expectation. */
    record Window(int minutes, int count, double expected) {
        double factor() {
            return count / expected;
        }

        double pValue() {
            return upperTail(count, expected);
        }

        boolean surges(InsightPolicy policy) {
            return count >= policy.surgeMinCount
                    && factor() >= policy.surgeMinFactor
                    && pValue() <= policy.surgeSignificance;
        }
    }

    /** The {@code minutes} ending with the current minute. */
    static Window window(SurgeState s, InsightPolicy policy, int minutes) {
        int total = 0;
        for (int k = 0; k < minutes; k++) {
            total += s.buckets[ring(s.minute - k)];
        }
        return new Window(minutes, total, ratePerMinute(s, policy) * minutes);
    }

    /** The complaints a minute the baseline expects at the current minute's hour of day. */
    static double ratePerMinute(SurgeState s, InsightPolicy policy) {
        double priorMinutes = policy.baselinePriorMs / (double) MINUTE_MS;
        // What was seen, but no less than the assumed rate, whose weight fades as history grows:
        // a quiet topic's first hours must not make it look quieter than it is.
        double floor = policy.baselinePerHour / 60 * priorMinutes / (priorMinutes + s.minutes);
        double overall = Math.max(s.minutes > 0 ? s.complaints / s.minutes : 0, floor);
        int slot = slot(s.minute);
        return (overall * SLOT_PRIOR_MINUTES + s.slotComplaints[slot])
                / (SLOT_PRIOR_MINUTES + s.slotMinutes[slot]);
    }

    /** P(X >= count) for X ~ Poisson(expected). */
    static double upperTail(int count, double expected) {
        return count <= 0 ? 1.0 : Gamma.regularizedGammaP(count, expected);
    }

    private static Insight evaluate(
            SurgeState s, InsightPolicy policy, long ts, boolean minuteEnded) {
        int minutes = policy.surgeWindowMinutes();
        if (!s.open) {
            if (s.minutes * MINUTE_MS < policy.baselineWarmupMs) {
                return null;
            }
            // The window's third and four times the window too: a sharp rise shows in the short
            // one first, a slow one at a small baseline only over the long one.
            Window opening = null;
            for (int m :
                    new int[] {
                        minutes,
                        Math.max(1, minutes / 3),
                        Math.min(SurgeState.RING_MINUTES, 4 * minutes)
                    }) {
                // Never reaching back into a surge that has closed.
                int reach =
                        s.excludeTo == Long.MIN_VALUE
                                ? m
                                : (int) Math.min(m, s.minute - s.excludeTo);
                Window w = window(s, policy, reach);
                if (w.minutes() > 0 && w.surges(policy)) {
                    opening = w;
                    break;
                }
            }
            if (opening == null) {
                return null;
            }
            s.open = true;
            s.openedAt = ts;
            s.excludeFrom = s.minute - opening.minutes() + 1;
            s.excludeTo = Long.MAX_VALUE;
            s.episodeId = RecordIds.of("surge", s.tenant, s.topic, Long.toString(s.minute));
            // Judged from now on over the window, or the long window that saw it.
            s.windowMinutes = Math.max(minutes, opening.minutes());
            s.reportedCount = window(s, policy, s.windowMinutes).count();
            return insight(s, Insight.Phase.OPENED, opening, ts);
        }
        Window full = window(s, policy, Math.max(1, s.windowMinutes));
        if (minuteEnded
                && (full.factor() < policy.surgeCloseFactor
                        || 2 * full.count() < policy.surgeMinCount)) {
            s.open = false;
            s.excludeTo = s.minute;
            return insight(s, Insight.Phase.CLOSED, full, ts);
        }
        if (full.count() >= s.reportedCount + Math.max(2, (s.reportedCount + 3) / 4)) {
            s.reportedCount = full.count();
            return insight(s, Insight.Phase.UPDATED, full, ts);
        }
        return null;
    }

    /**
     * Moves the ring's head to {@code minute}, decaying the baseline for the time passed; the
     * minutes that leave the ring are learned and their buckets emptied.
     */
    private static void advance(SurgeState s, long minute, InsightPolicy policy) {
        long passed = minute - s.minute;
        if (passed <= 0) {
            return;
        }
        double decay = Math.pow(0.5, passed * (double) MINUTE_MS / policy.baselineHalfLifeMs);
        s.complaints *= decay;
        s.minutes *= decay;
        for (int h = 0; h < 24; h++) {
            s.slotComplaints[h] *= decay;
            s.slotMinutes[h] *= decay;
        }
        // The minutes more than an hour behind the new head leave the ring and are learned:
        // those it held with their complaints, any it never held (a quiet gap) with none.
        long lastLeaving = minute - SurgeState.RING_MINUTES;
        for (long m = s.minute - SurgeState.RING_MINUTES + 1;
                m <= Math.min(s.minute, lastLeaving);
                m++) {
            learn(s, m, 1, s.buckets[ring(m)]);
            s.buckets[ring(m)] = 0;
        }
        for (long m = s.minute + 1; m <= lastLeaving; ) {
            long chunk = Math.min(lastLeaving + 1 - m, 60 - Math.floorMod(m, 60));
            learn(s, m, chunk, 0);
            m += chunk;
        }
        s.minute = minute;
        // Examples carry customers' (redacted) words: none is kept past the hour the ring covers.
        long oldest = (minute - SurgeState.RING_MINUTES + 1) * MINUTE_MS;
        s.examples.removeIf(e -> e.ts < oldest);
    }

    /**
     * Learns {@code count} complaints in the {@code length} minutes from {@code first} (all in one
     * hour), unless they were before observation began or belong to a surge: the minutes of a
     * surge, from a window before it opened until it closed, are not learned (a surge must not
     * teach the baseline that it is normal) unless it has been open for {@link
     * #LEARN_AFTER_OPEN_MS}.
     */
    private static void learn(SurgeState s, long first, long length, int count) {
        long from = Math.max(first, s.observedFrom);
        long to = first + length;
        if (from >= to) {
            return;
        }
        boolean longOpen = s.open && s.minute * MINUTE_MS - s.openedAt >= LEARN_AFTER_OPEN_MS;
        if (!longOpen && from <= s.excludeTo && to > s.excludeFrom) {
            return;
        }
        s.minutes += to - from;
        s.slotMinutes[slot(from)] += to - from;
        s.complaints += count;
        s.slotComplaints[slot(from)] += count;
    }

    private static Insight insight(SurgeState s, Insight.Phase phase, Window w, long ts) {
        Insight i = new Insight();
        i.kind = Insight.Kind.COMPLAINT_SURGE;
        i.phase = phase;
        i.tenant = s.tenant;
        i.topic = s.topic;
        i.episodeId = s.episodeId;
        i.windowEnd = (s.minute + 1) * MINUTE_MS;
        i.windowStart = i.windowEnd - w.minutes() * MINUTE_MS;
        i.count = w.count();
        i.expected = w.expected();
        i.factor = w.factor();
        i.pValue = w.pValue();
        i.examples = new ArrayList<>(s.examples);
        i.ts = ts;
        i.id =
                RecordIds.of(
                        "insight",
                        s.episodeId,
                        phase.name(),
                        Long.toString(s.minute),
                        Integer.toString(w.count()));
        i.decidedAt = System.currentTimeMillis();
        return i;
    }

    private static int ring(long minute) {
        return (int) Math.floorMod(minute, (long) SurgeState.RING_MINUTES);
    }

    private static int slot(long minute) {
        return (int) Math.floorMod(Math.floorDiv(minute, 60), 24L);
    }
}
