package dev.switchboard.operators.meaning;

import dev.switchboard.operators.records.ConversationEvent;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperator;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;

/**
 * Flink's async step in its unordered mode, for {@link ReadMeaning}, which keeps each
 * conversation's order itself ({@link ConversationOrder}), so that only a conversation with a
 * message being read waits for it. Unordered, Flink writes the events still in flight at a
 * checkpoint with the incomplete ones in no set order, and a restore would hand two of one
 * conversation back in either order; so before every checkpoint's barrier this operator lets the
 * readings in flight finish (each bounded by the tier's timeout) and hands their events on, and the
 * checkpoint holds no event in flight. The same holds for savepoints, which is also what lets a job
 * be rescaled from one: Flink would otherwise share the events in flight among the new instances
 * without regard to their keys.
 */
public final class ReadMeaningOperator
        extends AsyncWaitOperator<ConversationEvent, ConversationEvent> {
    private final ReadMeaning function;
    private final MailboxExecutor mailbox;

    private ReadMeaningOperator(
            StreamOperatorParameters<ConversationEvent> parameters,
            ReadMeaning function,
            int capacity,
            ProcessingTimeService processingTimeService,
            MailboxExecutor mailbox) {
        super(
                parameters,
                function,
                0, // no Flink timer per event: Read meaning times its own work
                capacity,
                AsyncDataStream.OutputMode.UNORDERED,
                AsyncRetryStrategies.NO_RETRY_STRATEGY,
                processingTimeService,
                mailbox);
        this.function = function;
        this.mailbox = mailbox;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        while (function.holdsEvents()) {
            mailbox.yield(); // a reading's hand-over arrives as a mail
        }
        while (mailbox.tryYield()) {
            // the hand-overs queued last: the events go on before the barrier
        }
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    /** Makes {@link ReadMeaningOperator}s; {@code capacity} as Flink's async step's. */
    public static final class Factory
            extends AsyncWaitOperatorFactory<ConversationEvent, ConversationEvent> {
        private final ReadMeaning function;
        private final int capacity;

        public Factory(ReadMeaning function, int capacity) {
            super(function, 0, capacity, AsyncDataStream.OutputMode.UNORDERED);
            this.function = function;
            this.capacity = capacity;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends StreamOperator<ConversationEvent>> T createStreamOperator(
                StreamOperatorParameters<ConversationEvent> parameters) {
            return (T)
                    new ReadMeaningOperator(
                            parameters,
                            function,
                            capacity,
                            processingTimeService,
                            getMailboxExecutor());
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
            return ReadMeaningOperator.class;
        }
    }
}
