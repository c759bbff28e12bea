package dev.switchboard.operators.meaning;

import dev.switchboard.operators.records.ConversationEvent;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperator;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;

/**
 * Flink's async step, in order, for {@link ReadMeaning}, with one change: before every checkpoint's
 * barrier it lets the readings in flight finish (each bounded by the tier's timeout) and hands
 * their events on, so no checkpoint or savepoint holds an event in flight. Flink would hand such
 * events back on a restore as operator list state, dealt out among the instances without regard to
 * their keys when the parallelism changes (experiments/async-rescale: from 2 instances to 3, 6 of
 * 12 reached an instance that does not own their conversation), and *Track conversation*, chained
 * after this step on the same partitioning, would read them on the wrong instance. The price is a
 * barrier that waits for a reading in flight: a few to 50 ms at a checkpoint, with the tier on.
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
                AsyncDataStream.OutputMode.ORDERED,
                AsyncRetryStrategies.NO_RETRY_STRATEGY,
                processingTimeService,
                mailbox);
        this.function = function;
        this.mailbox = mailbox;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        // A reading hands its event over as a mail and then counts itself done, so the count can
        // still say "in flight" after its mail ran: poll, never block on a mail that may not come.
        int awaited = function.readingsInFlight();
        long start = System.nanoTime();
        while (function.readingsInFlight() > 0) {
            if (!mailbox.tryYield()) {
                LockSupport.parkNanos(200_000);
            }
        }
        while (mailbox.tryYield()) {
            // the hand-overs queued last: the events go on before the barrier
        }
        function.awaitedAtBarrier(awaited, System.nanoTime() - start);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    /** Makes {@link ReadMeaningOperator}s; {@code capacity} as Flink's async step's. */
    public static final class Factory
            extends AsyncWaitOperatorFactory<ConversationEvent, ConversationEvent> {
        private final ReadMeaning function;
        private final int capacity;

        public Factory(ReadMeaning function, int capacity) {
            super(function, 0, capacity, AsyncDataStream.OutputMode.ORDERED);
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
