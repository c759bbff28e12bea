package dev.switchboard.operators.conversation;

import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.records.EventType;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs {@link TrackConversation} on one input that carries the erase requests among the events
 * ({@link JoinEraseRequests}). Erasing needs every conversation this instance holds, which a keyed
 * function cannot reach, so this operator hands the requests to {@link TrackConversation#erase}
 * with the keyed state backend's walk over all keys (what Flink's keyed broadcast operator does for
 * {@code applyToKeyedState}); every other event goes to the function as usual.
 *
 * <p>A request's own key ({@code tenant/null}) may belong to another instance: nothing reads or
 * writes state under it.
 */
public class TrackConversationOperator
        extends KeyedProcessOperator<String, ConversationEvent, CustomerEvent> {
    private transient TimestampedCollector<CustomerEvent> erasedOut;

    public TrackConversationOperator(TrackConversation function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        erasedOut = new TimestampedCollector<>(output);
    }

    @Override
    public void processElement(StreamRecord<ConversationEvent> element) throws Exception {
        ConversationEvent event = element.getValue();
        if (event.type != EventType.ERASE) {
            super.processElement(element);
            return;
        }
        erasedOut.setTimestamp(element);
        ErasurePart part =
                ((TrackConversation) userFunction)
                        .erase(
                                event,
                                (descriptor, function) ->
                                        this.<String>getKeyedStateBackend()
                                                .applyToAllKeys(
                                                        VoidNamespace.INSTANCE,
                                                        VoidNamespaceSerializer.INSTANCE,
                                                        descriptor,
                                                        function),
                                erasedOut);
        output.collect(
                TrackConversation.ERASURES,
                element.hasTimestamp()
                        ? new StreamRecord<>(part, element.getTimestamp())
                        : new StreamRecord<>(part));
    }
}
