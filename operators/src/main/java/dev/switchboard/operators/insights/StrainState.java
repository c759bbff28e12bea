package dev.switchboard.operators.insights;

import dev.switchboard.operators.records.StrainLevel;

/**
 * What {@link WatchAgentStrain} keeps per tenant and agent: what the agent's contacts brought, in
 * 10-minute buckets of event time over the longest shift window (a ring of {@link
 * InsightPolicy#MAX_STRAIN_BUCKETS}), the current run of difficult contacts, and the open strain
 * episode. About 700 bytes (InsightStateSizeTest). Evolution rule as for every state type: add
 * fields, never rename, retype or remove one.
 */
public class StrainState {
    public String tenant;
    public String agentId;

    /** The latest bucket (epoch ms / 10 minutes) the ring has reached. */
    public long bucket = Long.MIN_VALUE;

    public int[] hostileMessages = new int[InsightPolicy.MAX_STRAIN_BUCKETS];
    public int[] escalatedConversations = new int[InsightPolicy.MAX_STRAIN_BUCKETS];
    public int[] negativeSeconds = new int[InsightPolicy.MAX_STRAIN_BUCKETS];

    /** Difficult contacts in a row, ending with the latest that ended. */
    public int difficultRun;

    /** The bucket of the latest contact that ended: a run older than the window is over. */
    public long lastContactBucket;

    public StrainLevel level = StrainLevel.NONE;
    public String episodeId;
    public int updates;

    public StrainState() {}
}
