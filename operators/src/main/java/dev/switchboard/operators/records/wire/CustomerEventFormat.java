package dev.switchboard.operators.records.wire;

import static dev.switchboard.operators.records.wire.RecordEnums.CHANNEL;
import static dev.switchboard.operators.records.wire.RecordEnums.LABEL;
import static dev.switchboard.operators.records.wire.RecordEnums.REQUEST;
import static dev.switchboard.operators.records.wire.RecordEnums.ROLE;

import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import java.io.IOException;

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
    public void write(CustomerEvent e, RecordOutput out) throws IOException {
        out.writeByte(
                (e.update != null ? UPDATE : 0)
                        | (e.closed != null ? CLOSED : 0)
                        | (e.erase != null ? ERASE : 0));
        out.writeString(e.customerKey);
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
    public CustomerEvent read(RecordInput in) throws IOException {
        CustomerEvent e = new CustomerEvent();
        int parts = in.readUnsignedByte();
        e.customerKey = in.readString();
        if ((parts & UPDATE) != 0) {
            e.update = readUpdate(in);
        }
        if ((parts & CLOSED) != 0) {
            e.closed = readClosed(in);
        }
        if ((parts & ERASE) != 0) {
            e.erase = ConversationEventFormat.readEvent(in);
        }
        return e;
    }

    private static void writeUpdate(ConversationUpdate u, RecordOutput out) throws IOException {
        out.writeByte(
                (u.supported ? SUPPORTED : 0)
                        | (u.waitTimer ? WAIT_TIMER : 0)
                        | (u.secondOpinion ? SECOND_OPINION : 0)
                        | (u.opened ? OPENED : 0)
                        | (u.intentPending ? INTENT_PENDING : 0));
        out.writeString(u.tenant);
        out.writeString(u.conversationId);
        out.writeString(u.customerId);
        out.writeConstant(u.channel);
        out.writeString(u.messageId);
        out.writeConstant(u.role);
        out.writeLong(u.ts);
        out.writeConstant(u.label);
        out.writeDouble(u.score);
        out.writeDouble(u.confidence);
        out.writeDouble(u.customerSentiment);
        out.writeDouble(u.customerTrend);
        out.writeInt(u.negativeStreak);
        out.writeInt(u.customerMessages);
        out.writeInt(u.agentMessages);
        out.writeInt(u.botMessages);
        out.writeConstant(u.escalationRequest);
        out.writeLong(u.waitingMs);
        out.writeString(u.excerpt);
        out.writeString(u.customerKey);
        out.writeLong(u.startedAt);
        out.writeString(u.customerTier);
        out.writeString(u.language);
        out.writeString(u.intent);
        out.writeDouble(u.intentConfidence);
        out.writeString(u.intentModel);
        out.writeString(u.agentId);
    }

    private static ConversationUpdate readUpdate(RecordInput in) throws IOException {
        ConversationUpdate u = new ConversationUpdate();
        int flags = in.readUnsignedByte();
        u.supported = (flags & SUPPORTED) != 0;
        u.waitTimer = (flags & WAIT_TIMER) != 0;
        u.secondOpinion = (flags & SECOND_OPINION) != 0;
        u.opened = (flags & OPENED) != 0;
        u.intentPending = (flags & INTENT_PENDING) != 0;
        u.tenant = in.readString();
        u.conversationId = in.readString();
        u.customerId = in.readString();
        u.channel = in.constant(CHANNEL);
        u.messageId = in.readString();
        u.role = in.constant(ROLE);
        u.ts = in.readLong();
        u.label = in.constant(LABEL);
        u.score = in.readDouble();
        u.confidence = in.readDouble();
        u.customerSentiment = in.readDouble();
        u.customerTrend = in.readDouble();
        u.negativeStreak = in.readInt();
        u.customerMessages = in.readInt();
        u.agentMessages = in.readInt();
        u.botMessages = in.readInt();
        u.escalationRequest = in.constant(REQUEST);
        u.waitingMs = in.readLong();
        u.excerpt = in.readString();
        u.customerKey = in.readString();
        u.startedAt = in.readLong();
        u.customerTier = in.readString();
        u.language = in.readString();
        u.intent = in.readString();
        u.intentConfidence = in.readDouble();
        u.intentModel = in.readString();
        u.agentId = in.readString();
        return u;
    }

    private static void writeClosed(ConversationClosed c, RecordOutput out) throws IOException {
        out.writeBoolean(c.erased);
        out.writeString(c.tenant);
        out.writeString(c.conversationId);
        out.writeString(c.customerId);
        out.writeConstant(c.channel);
        out.writeLong(c.ts);
        out.writeInt(c.customerMessages);
        out.writeDouble(c.customerSentiment);
        out.writeString(c.intent);
    }

    private static ConversationClosed readClosed(RecordInput in) throws IOException {
        ConversationClosed c = new ConversationClosed();
        c.erased = in.readBoolean();
        c.tenant = in.readString();
        c.conversationId = in.readString();
        c.customerId = in.readString();
        c.channel = in.constant(CHANNEL);
        c.ts = in.readLong();
        c.customerMessages = in.readInt();
        c.customerSentiment = in.readDouble();
        c.intent = in.readString();
        return c;
    }
}
