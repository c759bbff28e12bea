package dev.switchboard.operators.insights;

import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.RecordIds;
import dev.switchboard.operators.records.StrainLevel;
import dev.switchboard.operators.records.StrainReason;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent's strain, in plain Java: over a rolling shift window (2 hours by default) it counts the
 * hostile customer messages the agent received, the conversations of the agent's that reached
 * escalate and the minutes spent in conversations at watch or above, and it follows the run of
 * difficult contacts in a row (a calm contact ends it, and so does a pause as long as the window).
 * Each of the four at its threshold in the tenant's {@link InsightPolicy} is a reason and a point,
 * at twice its threshold two points; two points are {@link StrainLevel#ELEVATED}, four {@link
 * StrainLevel#HIGH} ({@link #levelAt}).
 *
 * <p>Hysteresis: a level is reached at the full thresholds and held while half of them still
 * support it, so an agent's strain does not flap as the window slides. A support signal for
 * supervisors, never a performance score: it describes what the agent's customers brought, not how
 * the agent handled it.
 */
public final class StrainMeter {
    static final String BREAK = "offer a break";
    static final String CALMER = "route calmer contacts for a while";

    private StrainMeter() {}

    /** Records a signal; returns the insight it opens, changes or closes, or null. */
    public static Insight record(StrainState s, AgentSignal signal, InsightPolicy policy) {
        s.tenant = signal.tenant;
        s.agentId = signal.agentId;
        long bucket = bucketOf(signal.ts);
        if (s.bucket == Long.MIN_VALUE) {
            s.bucket = bucket;
        }
        advance(s, bucket);
        int at = bucket > s.bucket - InsightPolicy.MAX_STRAIN_BUCKETS ? ring(bucket) : -1;
        switch (signal.kind) {
            case HOSTILE_MESSAGE -> {
                if (at >= 0) {
                    s.hostileMessages[at]++;
                }
            }
            case ESCALATED -> {
                if (at >= 0) {
                    s.escalatedConversations[at]++;
                }
            }
            case CONTACT_ENDED -> {
                if (at >= 0) {
                    long seconds = s.negativeSeconds[at] + signal.negativeMs / 1000;
                    s.negativeSeconds[at] = (int) Math.min(Integer.MAX_VALUE, seconds);
                }
                boolean runGoesOn = bucket - s.lastContactBucket < policy.strainBuckets();
                s.difficultRun = signal.difficult ? (runGoesOn ? s.difficultRun : 0) + 1 : 0;
                s.lastContactBucket = Math.max(s.lastContactBucket, bucket);
            }
        }
        return evaluate(s, policy, signal.ts);
    }

    /** Event time reached {@code ts} (a timer at a bucket's end): the window slides. */
    public static Insight timePassed(StrainState s, long ts, InsightPolicy policy) {
        if (s.bucket == Long.MIN_VALUE) {
            return null;
        }
        advance(s, bucketOf(ts));
        return evaluate(s, policy, ts);
    }

    /** The tenant turned strain off: closes a raised strain (null when there is none). */
    public static Insight turnedOff(StrainState s, long ts) {
        if (s.level == StrainLevel.NONE) {
            return null;
        }
        StrainState empty = new StrainState();
        empty.tenant = s.tenant;
        empty.agentId = s.agentId;
        empty.bucket = s.bucket;
        empty.level = s.level;
        empty.episodeId = s.episodeId;
        empty.updates = s.updates;
        Insight closed = evaluate(empty, new InsightPolicy(), ts);
        s.level = StrainLevel.NONE;
        return closed;
    }

    /** Whether the state holds nothing that could raise strain again: it can be dropped. */
    public static boolean idle(StrainState s, InsightPolicy policy) {
        Totals t = totals(s, policy);
        return s.level == StrainLevel.NONE
                && t.hostile == 0
                && t.escalated == 0
                && t.negativeMinutes == 0
                && t.run == 0;
    }

    /** The end of the current bucket, epoch ms: when the window next slides. */
    public static long nextSlide(StrainState s) {
        return EventTimeOrder.endOfStep(
                s.bucket * InsightPolicy.STRAIN_BUCKET_MS, InsightPolicy.STRAIN_BUCKET_MS);
    }

    private record Totals(int hostile, int escalated, int negativeMinutes, int run) {}

    static Totals totals(StrainState s, InsightPolicy policy) {
        int hostile = 0;
        int escalated = 0;
        long seconds = 0;
        for (int k = 0; k < policy.strainBuckets(); k++) {
            int i = ring(s.bucket - k);
            hostile += s.hostileMessages[i];
            escalated += s.escalatedConversations[i];
            seconds += s.negativeSeconds[i];
        }
        // A run whose last contact has left the window is over: the agent has had a pause.
        int run = s.bucket - s.lastContactBucket < policy.strainBuckets() ? s.difficultRun : 0;
        return new Totals(hostile, escalated, (int) (seconds / 60), run);
    }

    /** The reasons met with every threshold multiplied by {@code scale}. */
    static List<StrainReason> reasons(Totals t, InsightPolicy p, double scale) {
        List<StrainReason> reasons = new ArrayList<>(4);
        if (t.hostile >= p.strainHostileMessages * scale) {
            reasons.add(StrainReason.HOSTILE_MESSAGES);
        }
        if (t.escalated >= p.strainEscalations * scale) {
            reasons.add(StrainReason.ESCALATED_CONVERSATIONS);
        }
        if (t.run >= p.strainDifficultRun * scale) {
            reasons.add(StrainReason.DIFFICULT_RUN);
        }
        if (t.negativeMinutes >= p.strainNegativeMinutes * scale) {
            reasons.add(StrainReason.NEGATIVE_TIME);
        }
        return reasons;
    }

    /**
     * A point for each reason at its threshold and another for each at twice it: two points are
     * {@link StrainLevel#ELEVATED}, four {@link StrainLevel#HIGH}. One kind of difficulty alone at
     * its threshold (three escalations in a busy queue) is common; strain is several at once, or
     * one far beyond the usual.
     */
    static StrainLevel levelAt(Totals t, InsightPolicy p, double scale) {
        int points = reasons(t, p, scale).size() + reasons(t, p, 2 * scale).size();
        return points >= 4
                ? StrainLevel.HIGH
                : points >= 2 ? StrainLevel.ELEVATED : StrainLevel.NONE;
    }

    private static Insight evaluate(StrainState s, InsightPolicy policy, long ts) {
        Totals t = totals(s, policy);
        StrainLevel raised = levelAt(t, policy, 1.0);
        StrainLevel held = levelAt(t, policy, 0.5);
        StrainLevel next =
                raised.compareTo(s.level) >= 0
                        ? raised
                        : (held.compareTo(s.level) < 0 ? held : s.level);
        if (next == s.level) {
            return null;
        }
        StrainLevel before = s.level;
        s.level = next;
        Insight.Phase phase;
        if (before == StrainLevel.NONE) {
            phase = Insight.Phase.OPENED;
            s.episodeId =
                    RecordIds.of("strain", s.tenant, s.agentId, Long.toString(s.bucket), "" + ts);
            s.updates = 0;
        } else {
            phase = next == StrainLevel.NONE ? Insight.Phase.CLOSED : Insight.Phase.UPDATED;
        }
        s.updates++;
        List<StrainReason> reasons = reasons(t, policy, 1.0);
        if (reasons.isEmpty() && next != StrainLevel.NONE) {
            reasons = reasons(t, policy, 0.5);
        }
        Insight i = new Insight();
        i.kind = Insight.Kind.AGENT_STRAIN;
        i.phase = phase;
        i.tenant = s.tenant;
        i.agentId = s.agentId;
        i.episodeId = s.episodeId;
        i.level = next;
        i.reasons = reasons;
        i.hostileMessages = t.hostile;
        i.escalatedConversations = t.escalated;
        i.difficultRun = t.run;
        i.negativeMinutes = t.negativeMinutes;
        i.windowEnd = nextSlide(s);
        i.windowStart = i.windowEnd - policy.strainBuckets() * InsightPolicy.STRAIN_BUCKET_MS;
        i.suggestion =
                switch (next) {
                    case HIGH -> BREAK;
                    case ELEVATED -> CALMER;
                    case NONE -> null;
                };
        i.ts = ts;
        i.id = RecordIds.of("insight", s.episodeId, phase.name(), Integer.toString(s.updates));
        i.decidedAt = System.currentTimeMillis();
        return i;
    }

    /** Moves the ring's head to {@code bucket}, emptying the buckets it passes. */
    private static void advance(StrainState s, long bucket) {
        for (long b = s.bucket + 1;
                b <= bucket && b <= s.bucket + InsightPolicy.MAX_STRAIN_BUCKETS;
                b++) {
            int i = ring(b);
            s.hostileMessages[i] = 0;
            s.escalatedConversations[i] = 0;
            s.negativeSeconds[i] = 0;
        }
        if (bucket > s.bucket) {
            s.bucket = bucket;
        }
    }

    private static long bucketOf(long ts) {
        return Math.floorDiv(ts, InsightPolicy.STRAIN_BUCKET_MS);
    }

    private static int ring(long bucket) {
        return (int) Math.floorMod(bucket, (long) InsightPolicy.MAX_STRAIN_BUCKETS);
    }
}
