package dev.switchboard.operators.records.wire;

import static dev.switchboard.operators.records.wire.RecordEnums.CHANNEL;
import static dev.switchboard.operators.records.wire.RecordEnums.EVENT_TYPE;
import static dev.switchboard.operators.records.wire.RecordEnums.LABEL;
import static dev.switchboard.operators.records.wire.RecordEnums.REQUEST;
import static dev.switchboard.operators.records.wire.RecordEnums.ROLE;
import static org.apache.flink.types.StringValue.readString;
import static org.apache.flink.types.StringValue.writeString;

import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.Sentiment;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link ConversationEvent} on the wire: from the source to scoring, from scoring to the
 * conversation state, and in the async step's queue. One byte of flags says which optional fields
 * follow and holds the booleans; strings are Flink's {@code StringValue} encoding (null included).
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
    public void write(ConversationEvent e, DataOutputView out) throws IOException {
        writeEvent(e, out);
    }

    @Override
    public ConversationEvent read(DataInputView in, Decoding d) throws IOException {
        return readEvent(in, d);
    }

    static void writeEvent(ConversationEvent e, DataOutputView out) throws IOException {
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
        writeConstant(e.type, out);
        writeString(e.tenant, out);
        writeString(e.conversationId, out);
        writeString(e.messageId, out);
        writeString(e.customerId, out);
        writeConstant(e.channel, out);
        writeConstant(e.role, out);
        writeString(e.agentId, out);
        writeString(e.text, out);
        out.writeLong(e.ts);
        writeString(e.language, out);
        if (e.startMs != null) {
            out.writeLong(e.startMs);
        }
        if (e.endMs != null) {
            out.writeLong(e.endMs);
        }
        if (e.confidence != null) {
            out.writeDouble(e.confidence);
        }
        writeString(e.customerTier, out);
        writeString(e.queue, out);
        writeString(e.requestId, out);
        if (e.sentiment != null) {
            Sentiment s = e.sentiment;
            out.writeByte(
                    (s.supported ? SENTIMENT_SUPPORTED : 0)
                            | (s.secondOpinion ? SENTIMENT_SECOND_OPINION : 0));
            writeConstant(s.label, out);
            out.writeDouble(s.score);
            out.writeDouble(s.confidence);
            writeString(s.model, out);
        }
        writeConstant(e.escalationRequest, out);
        writeString(e.meaningIntent, out);
        if (e.meaningIntentConfidence != null) {
            out.writeDouble(e.meaningIntentConfidence);
        }
        writeString(e.meaningModel, out);
    }

    static ConversationEvent readEvent(DataInputView in, Decoding d) throws IOException {
        ConversationEvent e = new ConversationEvent();
        int flags = in.readUnsignedByte();
        e.type = d.constant(EVENT_TYPE, in);
        e.tenant = readString(in);
        e.conversationId = readString(in);
        e.messageId = readString(in);
        e.customerId = readString(in);
        e.channel = d.constant(CHANNEL, in);
        e.role = d.constant(ROLE, in);
        e.agentId = readString(in);
        e.text = readString(in);
        e.ts = in.readLong();
        e.language = readString(in);
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
        e.customerTier = readString(in);
        e.queue = readString(in);
        e.requestId = readString(in);
        if ((flags & SENTIMENT) != 0) {
            Sentiment s = new Sentiment();
            int sentimentFlags = in.readUnsignedByte();
            s.supported = (sentimentFlags & SENTIMENT_SUPPORTED) != 0;
            s.secondOpinion = (sentimentFlags & SENTIMENT_SECOND_OPINION) != 0;
            s.label = d.constant(LABEL, in);
            s.score = in.readDouble();
            s.confidence = in.readDouble();
            s.model = readString(in);
            e.sentiment = s;
        }
        e.escalationRequest = d.constant(REQUEST, in);
        e.meaningIntent = readString(in);
        if ((flags & INTENT_CONFIDENCE) != 0) {
            e.meaningIntentConfidence = in.readDouble();
        }
        e.meaningModel = readString(in);
        e.decisiveTurn = (flags & DECISIVE_TURN) != 0;
        return e;
    }
}
