package dev.switchboard.board;

import java.util.ArrayList;
import java.util.List;

/**
 * What the board shows of one open insight of a tenant, a complaint surge or an agent under strain,
 * built from its records on the insights topic. Serialised to the browser as JSON; example excerpts
 * are the job's redacted ones and are rendered as text, never as HTML.
 */
public class InsightView {
    public String episodeId;

    /** {@code complaint_surge} or {@code agent_strain}. */
    public String kind;

    /** False once the insight has closed: the page then takes it off the board. */
    public boolean open = true;

    /** {@code rising}, {@code steady} or {@code falling}, against its previous record. */
    public String trend = "rising";

    // Complaint surge.
    public String topic;
    public int count;
    public double expected;
    public double factor;
    public int windowMinutes;
    public List<Example> examples = new ArrayList<>();

    // Agent strain.
    public String agentId;
    public String level;
    public List<String> reasons = new ArrayList<>();
    public int hostileMessages;
    public int escalatedConversations;
    public int difficultRun;
    public int negativeMinutes;
    public String suggestion;

    /** Event time it opened, and of its latest record, epoch ms. */
    public long openedAt;

    public long ts;

    /** Processing time of the last change, epoch ms. */
    public long updatedAt;

    public record Example(String conversationId, String excerpt, long ts) {}
}
