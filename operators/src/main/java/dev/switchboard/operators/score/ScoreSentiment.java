package dev.switchboard.operators.score;

import dev.switchboard.models.requests.EscalationRequests;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.RecordIds;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.operators.records.Sentiment;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores the sentiment of every final message and publishes it on {@link #SCORES}, and finds
 * explicit escalation requests in the customer's (English) messages; passes every
 * event on (scored messages with their sentiment, partial segments and lifecycle events without)
 * to the conversation state, with at most a {@value #EXCERPT_LENGTH}-character excerpt of a
 * customer's text (for decision evidence, redacted before it is published) and no other text.
 *
 * <p>Partial voice segments are counted and skipped: the recogniser will send the final version of
 * the same words, and scoring both would count them twice. The model loads once per TaskManager in
 * {@code open} ({@link SentimentModel#loadDefault()} shares it).
 */
public class ScoreSentiment extends ProcessFunction<ConversationEvent, ConversationEvent> {
    public static final OutputTag<ScoredMessage> SCORES = new OutputTag<>("scores") {};

    private transient SentimentModel model;
    private transient RecordCount scored;
    private transient RecordCount skippedPartials;
    private transient RecordCount lifecycle;

    @Override
    public void open(OpenContext openContext) {
        model = SentimentModel.loadDefault();
        scored = RecordCount.register(getRuntimeContext(), RecordCount.SCORED);
        skippedPartials = RecordCount.register(getRuntimeContext(), RecordCount.SKIPPED_PARTIALS);
        lifecycle = RecordCount.register(getRuntimeContext(), RecordCount.LIFECYCLE);
    }

    @Override
    public void processElement(ConversationEvent event, Context ctx, Collector<ConversationEvent> out) {
        if (event.type != EventType.MESSAGE) {
            lifecycle.inc();
        } else if (event.isPartialSegment()) {
            skippedPartials.inc();
        } else {
            SentimentScore s = model.score(event.text, event.role, event.language);
            event.sentiment = new Sentiment(s.label(), s.score(), s.confidence(), s.supported());
            if (event.role == SpeakerRole.CUSTOMER && s.supported()) {
                event.escalationRequest = EscalationRequests.detect(event.text);
            }
            ctx.output(SCORES, scoredMessage(event, System.currentTimeMillis()));
            scored.inc();
        }
        // Downstream needs at most a short excerpt of a customer's message (decision evidence); the
        // rest of the text would only cost network and state.
        event.text = event.role == SpeakerRole.CUSTOMER && event.sentiment != null ? excerpt(event.text) : null;
        out.collect(event);
    }

    /** The longest excerpt kept for evidence, in characters. */
    public static final int EXCERPT_LENGTH = 160;

    static String excerpt(String text) {
        if (text.length() <= EXCERPT_LENGTH) {
            return text;
        }
        int end = EXCERPT_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }

    static ScoredMessage scoredMessage(ConversationEvent e, long now) {
        ScoredMessage m = new ScoredMessage();
        m.id = RecordIds.of("score", e.tenant, e.conversationId, e.messageId);
        m.tenant = e.tenant;
        m.conversationId = e.conversationId;
        m.messageId = e.messageId;
        m.customerId = e.customerId;
        m.channel = e.channel;
        m.role = e.role;
        m.agentId = e.agentId;
        m.language = e.language;
        m.ts = e.ts;
        m.sentiment = e.sentiment;
        m.decidedAt = now;
        return m;
    }
}
