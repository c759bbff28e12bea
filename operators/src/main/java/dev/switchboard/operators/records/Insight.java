package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;

/**
 * What shows only across conversations, on {@code switchboard.insights}: a complaint surge (one
 * topic's complaints well above what the tenant usually sees) or an agent under strain. Each surge
 * or strain episode is published when it opens, as it changes and when it closes, all under one
 * {@link #episodeId}. Fields of the other kind are unset.
 */
public class Insight {
    public enum Kind {
        COMPLAINT_SURGE,
        AGENT_STRAIN
    }

    public enum Phase {
        OPENED,
        UPDATED,
        CLOSED
    }

    /** Deterministic id of this record. */
    public String id;

    /** Deterministic id shared by every record of one surge or strain episode. */
    public String episodeId;

    public Kind kind;
    public Phase phase;
    public String tenant;

    // Complaint surge.
    public String topic;

    /** The window counted, epoch ms: [windowStart, windowEnd). */
    public long windowStart;

    public long windowEnd;
    public int count;

    /** Complaints the baseline expects in such a window at this hour of day. */
    public double expected;

    /** count / expected. */
    public double factor;

    /** Probability of at least {@link #count} complaints if the baseline held (Poisson). */
    public double pValue;

    /** A few of the surge's conversations, newest first, with redacted excerpts. */
    public List<InsightExample> examples = new ArrayList<>();

    // Agent strain.
    public String agentId;
    public StrainLevel level;
    public List<StrainReason> reasons = new ArrayList<>();
    public int hostileMessages;
    public int escalatedConversations;
    public int difficultRun;
    public int negativeMinutes;

    /** What a supervisor might do; a support signal, never a performance score. */
    public String suggestion;

    /** Event time the insight describes, epoch ms. */
    public long ts;

    /** Wall-clock time it was published, epoch ms. */
    public long decidedAt;

    public Insight() {}

    @Override
    public String toString() {
        return kind == Kind.COMPLAINT_SURGE
                ? "Insight{surge "
                        + phase
                        + " "
                        + tenant
                        + "/"
                        + topic
                        + " count="
                        + count
                        + " expected="
                        + String.format("%.2f", expected)
                        + " ts="
                        + ts
                        + "}"
                : "Insight{strain "
                        + phase
                        + " "
                        + tenant
                        + "/"
                        + agentId
                        + " "
                        + level
                        + " "
                        + reasons
                        + " ts="
                        + ts
                        + "}";
    }
}
