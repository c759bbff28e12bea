package dev.switchboard.operators.insights;

import dev.switchboard.operators.records.EscalationLevel;
import java.io.Serializable;
import java.time.Duration;

/**
 * A tenant's thresholds for what shows only across conversations, part of its escalation policy
 * ({@code "insights": {...}}; docs/insights.md explains each). Evolution rule as for state: add
 * fields, never rename, retype or remove one.
 */
public class InsightPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether complaint surges are detected for the tenant. */
    public boolean surges = true;

    /** The level from which a conversation counts as a complaint. */
    public EscalationLevel surgeLevel = EscalationLevel.WATCH;

    /** The sliding window complaints are counted in (whole minutes, 1 to 60). */
    public long surgeWindowMs = Duration.ofMinutes(15).toMillis();

    /** Fewest complaints in the window that can open a surge. */
    public int surgeMinCount = 6;

    /** Count / expected at or above which a surge can open. */
    public double surgeMinFactor = 2.0;

    /** Largest Poisson tail probability of the count under the baseline that opens a surge. */
    public double surgeSignificance = 1e-5;

    /** An open surge closes when count / expected falls below this (hysteresis). */
    public double surgeCloseFactor = 1.5;

    /**
     * The rate a topic without history is assumed to have, complaints an hour: at a first
     * deployment, a topic needs about twice this (and the significance) to surge at once.
     */
    public double baselinePerHour = 20.0;

    /** How much that assumption weighs, as time observed (it fades as history grows). */
    public long baselinePriorMs = Duration.ofHours(1).toMillis();

    /**
     * How much of a topic's baseline must be learned before it can surge: a topic's first
     * complaints teach what is normal (learning lags an hour behind, see {@link SurgeDetector}).
     */
    public long baselineWarmupMs = Duration.ofHours(1).toMillis();

    /** Half-life of the learned baseline: older minutes count half as much after this. */
    public long baselineHalfLifeMs = Duration.ofDays(7).toMillis();

    /** Whether agent strain is watched for the tenant. */
    public boolean agentStrain = true;

    /** The rolling shift window strain is counted over (10-minute steps, up to 8 hours). */
    public long strainWindowMs = Duration.ofHours(2).toMillis();

    /** A customer message scored at or below this is hostile. */
    public double hostileBelow = -0.7;

    /** Hostile messages in the window that raise strain. */
    public int strainHostileMessages = 6;

    /** Escalated conversations in the window that raise strain. */
    public int strainEscalations = 3;

    /** Difficult contacts in a row that raise strain. */
    public int strainDifficultRun = 3;

    /** Minutes in conversations at watch or above, in the window, that raise strain. */
    public int strainNegativeMinutes = 30;

    public InsightPolicy() {}

    public static final int MAX_SURGE_WINDOW_MINUTES = 60;
    public static final long STRAIN_BUCKET_MS = Duration.ofMinutes(10).toMillis();
    public static final int MAX_STRAIN_BUCKETS = 48;

    public int surgeWindowMinutes() {
        return (int) (surgeWindowMs / 60_000);
    }

    public int strainBuckets() {
        return (int) (strainWindowMs / STRAIN_BUCKET_MS);
    }

    /**
     * @return this
     * @throws IllegalArgumentException naming the rule that is broken
     */
    public InsightPolicy validate() {
        if (surgeWindowMs % 60_000 != 0
                || surgeWindowMinutes() < 1
                || surgeWindowMinutes() > MAX_SURGE_WINDOW_MINUTES) {
            throw new IllegalArgumentException(
                    "insights.surgeWindow must be whole minutes from 1min to 60min");
        }
        if (surgeLevel == null
                || surgeLevel == EscalationLevel.NONE
                || surgeLevel == EscalationLevel.RECOVERED) {
            throw new IllegalArgumentException(
                    "insights.surgeLevel must be watch, alert or escalate");
        }
        if (surgeMinCount < 1) {
            throw new IllegalArgumentException("insights.surgeMinCount must be at least 1");
        }
        if (!(surgeCloseFactor >= 1 && surgeCloseFactor <= surgeMinFactor)) {
            throw new IllegalArgumentException(
                    "insights must satisfy 1 <= surgeCloseFactor <= surgeMinFactor");
        }
        if (!(surgeSignificance > 0 && surgeSignificance < 1)) {
            throw new IllegalArgumentException("insights.surgeSignificance must be in (0, 1)");
        }
        if (!(baselinePerHour > 0) || baselinePriorMs < 60_000 || baselineHalfLifeMs < 3_600_000) {
            throw new IllegalArgumentException(
                    "insights need baselinePerHour > 0, baselinePrior >= 1min and"
                            + " baselineHalfLife >= 1h");
        }
        if (baselineWarmupMs < 0) {
            throw new IllegalArgumentException("insights.baselineWarmup must not be negative");
        }
        if (strainWindowMs % STRAIN_BUCKET_MS != 0
                || strainBuckets() < 1
                || strainBuckets() > MAX_STRAIN_BUCKETS) {
            throw new IllegalArgumentException(
                    "insights.strainWindow must be a multiple of 10min from 10min to 8h");
        }
        if (!(-1 <= hostileBelow && hostileBelow < 0)) {
            throw new IllegalArgumentException("insights.hostileBelow must be in [-1, 0)");
        }
        if (strainHostileMessages < 1
                || strainEscalations < 1
                || strainDifficultRun < 1
                || strainNegativeMinutes < 1) {
            throw new IllegalArgumentException("insights' strain thresholds must be at least 1");
        }
        return this;
    }

    /** The policy's insight settings, or the defaults for a policy from before they existed. */
    public static InsightPolicy of(InsightPolicy p) {
        return p != null ? p : DEFAULTS;
    }

    private static final InsightPolicy DEFAULTS = new InsightPolicy();
}
