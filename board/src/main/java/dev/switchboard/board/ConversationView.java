package dev.switchboard.board;

import java.util.ArrayList;
import java.util.List;

/**
 * What the board shows of one conversation, built from its records on the escalations, scores,
 * routing and acks topics. Serialised to the browser as JSON; text fields are the job's redacted
 * evidence excerpts and are rendered as text, never as HTML.
 */
public class ConversationView {
    public String conversationId;
    public String customerId;
    public String channel;

    /**
     * {@code none}, {@code watch}, {@code alert} or {@code escalate}; a recovery sets {@code none}.
     */
    public String level = "none";

    public String previousLevel;
    public List<String> reasons = new ArrayList<>();
    public List<EvidenceLine> evidence = new ArrayList<>();

    /** Event time of the latest escalation decision, epoch ms. */
    public long escalatedAt;

    public String policy;
    public double customerSentiment;

    /** The customer's scores, oldest first, at most {@link BoardState#TREND_POINTS}. */
    public List<TrendPoint> trend = new ArrayList<>();

    /** Event time of the latest agent message, epoch ms; 0 if none yet. */
    public long lastAgentAt;

    public long lastCustomerAt;
    public String queue;
    public int priority;
    public String intent;
    public String language;

    /** Who said "I'm on it" for the current episode, and when (epoch ms); null if nobody yet. */
    public String ackBy;

    public long ackAt;

    /** Processing time of the last change, epoch ms. */
    public long updatedAt;

    /**
     * @param secondOpinion the score is the meaning tier's second opinion, not the fast model's
     *     alone: the page says so beside the excerpt
     */
    public record EvidenceLine(
            String messageId,
            long ts,
            String label,
            double score,
            String excerpt,
            boolean secondOpinion) {}

    public record TrendPoint(long ts, double score) {}

    boolean visible() {
        return !level.equals("none");
    }
}
