package dev.switchboard.operators.routing;

import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PriorContact;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link RouteConversation} keeps per conversation. Evolution rule as for every state type:
 * add fields, never rename, retype or remove one.
 */
public class RoutingState {
    public String customerId;
    public Channel channel;
    public String customerTier;
    public String language;
    public long startedAt;

    /** Null until the intent settles. */
    public String intent;

    public double intentConfidence;

    /** The id of the model that read the intent; null in state written before it was kept. */
    public String intentModel;

    public double customerSentiment;
    public EscalationLevel level = EscalationLevel.NONE;
    public List<PriorContact> history = new ArrayList<>();

    /** The queue of the last decision; null before the first. */
    public String queue;

    public int decisions;

    /** Event time of the pending staleness check of {@link #queue}; 0 when none. */
    public long checkTimerAt;

    public RoutingState() {}
}
