package dev.switchboard.operators.insights;

import dev.switchboard.operators.records.InsightExample;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DetectComplaintSurges} keeps per tenant and topic: complaints by minute for the last
 * hour (a ring), the learned baseline (decayed complaints and minutes observed, overall and by hour
 * of day) and the open surge, if any. About 1.3 KB, whatever the traffic (InsightStateSizeTest).
 * Evolution rule as for every state type: add fields, never rename, retype or remove one.
 */
public class SurgeState {
    public static final int RING_MINUTES = InsightPolicy.MAX_SURGE_WINDOW_MINUTES;

    public String tenant;
    public String topic;

    /** The latest minute (epoch minutes) the ring has reached; its bucket is still filling. */
    public long minute = Long.MIN_VALUE;

    /** The first minute observed: earlier minutes are unknown, not quiet. */
    public long observedFrom;

    /**
     * The minutes of the latest surge, not learned: from the start of the window that opened it to
     * its close (Long.MAX_VALUE while open); Long.MIN_VALUE for none.
     */
    public long excludeFrom = Long.MIN_VALUE;

    public long excludeTo = Long.MIN_VALUE;

    /** Complaints by minute, at index {@code minute % RING_MINUTES}. */
    public int[] buckets = new int[RING_MINUTES];

    /** Decayed complaints and minutes observed, by hour of day (UTC). */
    public double[] slotComplaints = new double[24];

    public double[] slotMinutes = new double[24];

    /** Decayed complaints and minutes observed, over all hours. */
    public double complaints;

    public double minutes;

    public boolean open;

    /** Event time the open surge opened, epoch ms. */
    public long openedAt;

    /** The open surge's episode id. */
    public String episodeId;

    /** The window the open surge is judged over, minutes. */
    public int windowMinutes;

    /** The count the open surge was last published with. */
    public int reportedCount;

    /** The latest complaints, newest first, at most {@link SurgeDetector#EXAMPLES}. */
    public List<InsightExample> examples = new ArrayList<>();

    public SurgeState() {}
}
