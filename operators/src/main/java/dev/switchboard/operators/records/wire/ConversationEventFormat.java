package dev.switchboard.operators.records.wire;

import static dev.switchboard.operators.records.wire.RecordEnums.CHANNEL;
import static dev.switchboard.operators.records.wire.RecordEnums.EVENT_TYPE;
import static dev.switchboard.operators.records.wire.RecordEnums.LABEL;
import static dev.switchboard.operators.records.wire.RecordEnums.REQUEST;
import static dev.switchboard.operators.records.wire.RecordEnums.ROLE;

import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.Sentiment;
import java.io.IOException;

/**
 * {@link ConversationEvent} on the wire: from the source to scoring, from scoring to the
 * conversation state, and in the async step's queue. One byte of flags says which optional fields
 * follow and holds the booleans; strings as {@link RecordOutput} writes them (null included).
 */
public final class ConversationEventFormat extends RecordFormat<ConversationEvent> {
    private static final long serialVersionUID = 1L;

    private static final int IS_FINAL_SET = 1;
    private static final int IS_FINAL = 1 << 1;
    private static final int START_MS = 1 << 2;
    private static final int END_MS = 1 << 3;
    private static final int CONFIDENCE = 1 << 4;
    private static final int INTENT_CONFIDENCE = 1 << 5;
    private static final int SENTIMENT = 1 << 6;
    private static final int DECISIVE_TURN = 1 << 7;

    private static final int SENTIMENT_SUPPORTED = 1;
    private static final int SENTIMENT_SECOND_OPINION = 1 << 1;

    /** What {@code @TypeInfo} on {@link ConversationEvent} names. */
    public static final class TypeInfo extends RecordTypeInfo.Factory<ConversationEvent> {
        public TypeInfo() {
            super(new ConversationEventFormat());
        }
    }

    public ConversationEventFormat() {
        super(ConversationEvent.class, 1, RecordEnums.ALL);
    }

    @Override
    public void write(ConversationEvent e, RecordOutput out) throws IOException {
        writeEvent(e, out);
    }

    @Override
    public ConversationEvent read(RecordInput in) throws IOException {
        return readEvent(in);
    }

    static void writeEvent(ConversationEvent e, RecordOutput out) throws IOException {
        int flags = 0;
        if (e.isFinal != null) {
            flags |= IS_FINAL_SET | (e.isFinal ? IS_FINAL : 0);
        }
        flags |= e.startMs != null ? START_MS : 0;
        flags |= e.endMs != null ? END_MS : 0;
        flags |= e.confidence != null ? CONFIDENCE : 0;
        flags |= e.meaningIntentConfidence != null ? INTENT_CONFIDENCE : 0;
        flags |= e.sentiment != null ? SENTIMENT : 0;
        flags |= e.decisiveTurn ? DECISIVE_TURN : 0;
        out.writeByte(flags);
        out.writeConstant(e.type);
        out.writeString(e.tenant);
        out.writeString(e.conversationId);
        out.writeString(e.messageId);
        out.writeString(e.customerId);
        out.writeConstant(e.channel);
        out.writeConstant(e.role);
        out.writeString(e.agentId);
        out.writeString(e.text);
        out.writeLong(e.ts);
        out.writeString(e.language);
        if (e.startMs != null) {
            out.writeLong(e.startMs);
        }
        if (e.endMs != null) {
            out.writeLong(e.endMs);
        }
        if (e.confidence != null) {
            out.writeDouble(e.confidence);
        }
        out.writeString(e.customerTier);
        out.writeString(e.queue);
        out.writeString(e.requestId);
        if (e.sentiment != null) {
            Sentiment s = e.sentiment;
            out.writeByte(
                    (s.supported ? SENTIMENT_SUPPORTED : 0)
                            | (s.secondOpinion ? SENTIMENT_SECOND_OPINION : 0));
            out.writeConstant(s.label);
            out.writeDouble(s.score);
            out.writeDouble(s.confidence);
            out.writeString(s.model);
        }
        out.writeConstant(e.escalationRequest);
        out.writeString(e.meaningIntent);
        if (e.meaningIntentConfidence != null) {
            out.writeDouble(e.meaningIntentConfidence);
        }
        out.writeString(e.meaningModel);
    }

    static ConversationEvent readEvent(RecordInput in) throws IOException {
        ConversationEvent e = new ConversationEvent();
        int flags = in.readUnsignedByte();
        e.type = in.constant(EVENT_TYPE);
        e.tenant = in.readString();
        e.conversationId = in.readString();
        e.messageId = in.readString();
        e.customerId = in.readString();
        e.channel = in.constant(CHANNEL);
        e.role = in.constant(ROLE);
        e.agentId = in.readString();
        e.text = in.readString();
        e.ts = in.readLong();
        e.language = in.readString();
        if ((flags & IS_FINAL_SET) != 0) {
            e.isFinal = (flags & IS_FINAL) != 0;
        }
        if ((flags & START_MS) != 0) {
            e.startMs = in.readLong();
        }
        if ((flags & END_MS) != 0) {
            e.endMs = in.readLong();
        }
        if ((flags & CONFIDENCE) != 0) {
            e.confidence = in.readDouble();
        }
        e.customerTier = in.readString();
        e.queue = in.readString();
        e.requestId = in.readString();
        if ((flags & SENTIMENT) != 0) {
            Sentiment s = new Sentiment();
            int sentimentFlags = in.readUnsignedByte();
            s.supported = (sentimentFlags & SENTIMENT_SUPPORTED) != 0;
            s.secondOpinion = (sentimentFlags & SENTIMENT_SECOND_OPINION) != 0;
            s.label = in.constant(LABEL);
            s.score = in.readDouble();
            s.confidence = in.readDouble();
            s.model = in.readString();
            e.sentiment = s;
        }
        e.escalationRequest = in.constant(REQUEST);
        e.meaningIntent = in.readString();
        if ((flags & INTENT_CONFIDENCE) != 0) {
            e.meaningIntentConfidence = in.readDouble();
        }
        e.meaningModel = in.readString();
        e.decisiveTurn = (flags & DECISIVE_TURN) != 0;
        return e;
    }
}
