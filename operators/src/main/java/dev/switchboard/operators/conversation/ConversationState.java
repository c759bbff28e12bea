package dev.switchboard.operators.conversation;

import dev.switchboard.operators.records.Channel;

/**
 * What {@link TrackConversation} keeps per conversation in RocksDB.
 *
 * <p>Evolution rule: fields may be added (new fields start at their Java default when an old
 * savepoint is restored); never rename, retype or remove one: the POJO serializer maps fields by
 * name.
 */
public class ConversationState {
    public String customerId;
    public Channel channel;
    public String queue;
    public String customerTier;
    public long startedAt;
    public long lastActivityAt;

    /** Event time of the pending idle timer, so it can be deleted when activity moves it. */
    public long idleTimerAt;

    public int customerMessages;
    public int agentMessages;
    public int botMessages;
    public int skippedPartials;

    /** Customer messages that counted towards the sentiment figures (in a supported language). */
    public int customerScored;

    public double customerScoreSum;
    public double customerSentiment;
    public double customerSentimentMin;
    public int negativeStreak;

    /** Customer messages whose score is the meaning tier's second opinion (ReadMeaning). */
    public int customerSecondOpinions;

    /**
     * The customer's latest scores, a ring of the trend window's size, written at {@code
     * customerScored % length}; null until the first score.
     */
    public float[] recentScores;

    /** Event time of the first customer message since the last agent reply; 0 when not waiting. */
    public long waitingSince;

    /**
     * When the current wait becomes a long wait (event time); 0 when the customer is not waiting.
     */
    public long waitTimerAt;

    /**
     * Event time of the registered waiting timer; 0 when none. It may be an earlier wait's: that
     * timer moves on to {@link #waitTimerAt} when it fires, instead of a new timer per wait.
     */
    public long waitTimerSetAt;

    /** The customer-level state's key, fixed by the first update; null before it. */
    public String customerKey;

    /** The language of the customer's latest scored message. */
    public String language;

    /** The settled intent (or {@code unknown}); null while it is still being read. */
    public String intent;

    public double intentConfidence;

    /**
     * The id of the model that read the settled intent: the meaning tier's, or the hashed model's
     * when the tier did not read the message; null for {@code unknown} from another language.
     */
    public String intentModel;

    /** Customer messages read for the intent so far. */
    public int intentMessagesRead;

    /** The agent of the latest agent message that named one; null before any. */
    public String agentId;

    public ConversationState() {}
}
