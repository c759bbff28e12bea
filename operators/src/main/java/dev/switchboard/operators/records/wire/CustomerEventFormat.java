package dev.switchboard.operators.records.wire;

import static dev.switchboard.operators.records.wire.RecordEnums.CHANNEL;
import static dev.switchboard.operators.records.wire.RecordEnums.LABEL;
import static dev.switchboard.operators.records.wire.RecordEnums.REQUEST;
import static dev.switchboard.operators.records.wire.RecordEnums.ROLE;
import static org.apache.flink.types.StringValue.readString;
import static org.apache.flink.types.StringValue.writeString;

import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link CustomerEvent} on the wire, from the conversation state to the customer's: one byte says
 * which of update, close and erase request follows.
 */
public final class CustomerEventFormat extends RecordFormat<CustomerEvent> {
    private static final long serialVersionUID = 1L;

    private static final int UPDATE = 1;
    private static final int CLOSED = 1 << 1;
    private static final int ERASE = 1 << 2;

    private static final int SUPPORTED = 1;
    private static final int WAIT_TIMER = 1 << 1;
    private static final int SECOND_OPINION = 1 << 2;
    private static final int OPENED = 1 << 3;
    private static final int INTENT_PENDING = 1 << 4;

    /** What {@code @TypeInfo} on {@link CustomerEvent} names. */
    public static final class TypeInfo extends RecordTypeInfo.Factory<CustomerEvent> {
        public TypeInfo() {
            super(new CustomerEventFormat());
        }
    }

    public CustomerEventFormat() {
        super(CustomerEvent.class, 1, RecordEnums.ALL);
    }

    @Override
    public void write(CustomerEvent e, DataOutputView out) throws IOException {
        out.writeByte(
                (e.update != null ? UPDATE : 0)
                        | (e.closed != null ? CLOSED : 0)
                        | (e.erase != null ? ERASE : 0));
        writeString(e.customerKey, out);
        if (e.update != null) {
            writeUpdate(e.update, out);
        }
        if (e.closed != null) {
            writeClosed(e.closed, out);
        }
        if (e.erase != null) {
            ConversationEventFormat.writeEvent(e.erase, out);
        }
    }

    @Override
    public CustomerEvent read(DataInputView in, Decoding d) throws IOException {
        CustomerEvent e = new CustomerEvent();
        int parts = in.readUnsignedByte();
        e.customerKey = readString(in);
        if ((parts & UPDATE) != 0) {
            e.update = readUpdate(in, d);
        }
        if ((parts & CLOSED) != 0) {
            e.closed = readClosed(in, d);
        }
        if ((parts & ERASE) != 0) {
            e.erase = ConversationEventFormat.readEvent(in, d);
        }
        return e;
    }

    private static void writeUpdate(ConversationUpdate u, DataOutputView out) throws IOException {
        out.writeByte(
                (u.supported ? SUPPORTED : 0)
                        | (u.waitTimer ? WAIT_TIMER : 0)
                        | (u.secondOpinion ? SECOND_OPINION : 0)
                        | (u.opened ? OPENED : 0)
                        | (u.intentPending ? INTENT_PENDING : 0));
        writeString(u.tenant, out);
        writeString(u.conversationId, out);
        writeString(u.customerId, out);
        writeConstant(u.channel, out);
        writeString(u.messageId, out);
        writeConstant(u.role, out);
        out.writeLong(u.ts);
        writeConstant(u.label, out);
        out.writeDouble(u.score);
        out.writeDouble(u.confidence);
        out.writeDouble(u.customerSentiment);
        out.writeDouble(u.customerTrend);
        out.writeInt(u.negativeStreak);
        out.writeInt(u.customerMessages);
        out.writeInt(u.agentMessages);
        out.writeInt(u.botMessages);
        writeConstant(u.escalationRequest, out);
        out.writeLong(u.waitingMs);
        writeString(u.excerpt, out);
        writeString(u.customerKey, out);
        out.writeLong(u.startedAt);
        writeString(u.customerTier, out);
        writeString(u.language, out);
        writeString(u.intent, out);
        out.writeDouble(u.intentConfidence);
        writeString(u.intentModel, out);
        writeString(u.agentId, out);
    }

    private static ConversationUpdate readUpdate(DataInputView in, Decoding d) throws IOException {
        ConversationUpdate u = new ConversationUpdate();
        int flags = in.readUnsignedByte();
        u.supported = (flags & SUPPORTED) != 0;
        u.waitTimer = (flags & WAIT_TIMER) != 0;
        u.secondOpinion = (flags & SECOND_OPINION) != 0;
        u.opened = (flags & OPENED) != 0;
        u.intentPending = (flags & INTENT_PENDING) != 0;
        u.tenant = readString(in);
        u.conversationId = readString(in);
        u.customerId = readString(in);
        u.channel = d.constant(CHANNEL, in);
        u.messageId = readString(in);
        u.role = d.constant(ROLE, in);
        u.ts = in.readLong();
        u.label = d.constant(LABEL, in);
        u.score = in.readDouble();
        u.confidence = in.readDouble();
        u.customerSentiment = in.readDouble();
        u.customerTrend = in.readDouble();
        u.negativeStreak = in.readInt();
        u.customerMessages = in.readInt();
        u.agentMessages = in.readInt();
        u.botMessages = in.readInt();
        u.escalationRequest = d.constant(REQUEST, in);
        u.waitingMs = in.readLong();
        u.excerpt = readString(in);
        u.customerKey = readString(in);
        u.startedAt = in.readLong();
        u.customerTier = readString(in);
        u.language = readString(in);
        u.intent = readString(in);
        u.intentConfidence = in.readDouble();
        u.intentModel = readString(in);
        u.agentId = readString(in);
        return u;
    }

    private static void writeClosed(ConversationClosed c, DataOutputView out) throws IOException {
        out.writeBoolean(c.erased);
        writeString(c.tenant, out);
        writeString(c.conversationId, out);
        writeString(c.customerId, out);
        writeConstant(c.channel, out);
        out.writeLong(c.ts);
        out.writeInt(c.customerMessages);
        out.writeDouble(c.customerSentiment);
        writeString(c.intent, out);
    }

    private static ConversationClosed readClosed(DataInputView in, Decoding d) throws IOException {
        ConversationClosed c = new ConversationClosed();
        c.erased = in.readBoolean();
        c.tenant = readString(in);
        c.conversationId = readString(in);
        c.customerId = readString(in);
        c.channel = d.constant(CHANNEL, in);
        c.ts = in.readLong();
        c.customerMessages = in.readInt();
        c.customerSentiment = in.readDouble();
        c.intent = readString(in);
        return c;
    }
}
