package dev.switchboard.pipeline.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink into a queue of this JVM. Only for jobs on a local MiniCluster (the backtest, the workflow
 * tests): the writers run in the same JVM as the code that reads the queue afterwards.
 */
public final class LocalQueueSink<T> implements Sink<T> {
    private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();

    public LocalQueueSink() {
        QUEUES.put(id, new ConcurrentLinkedQueue<>());
    }

    /** Everything received so far. */
    @SuppressWarnings("unchecked")
    public List<T> received() {
        return new ArrayList<>((Queue<T>) (Queue<?>) QUEUES.get(id));
    }

    /** Everything received, once the job has finished; the queue is released. */
    @SuppressWarnings("unchecked")
    public List<T> drain() {
        return new ArrayList<>((Queue<T>) (Queue<?>) QUEUES.remove(id));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> queue = QUEUES.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
