package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an output topic from its end and records, for every record that names a generator message,
 * the time from that message's due time to now (microseconds, HdrHistogram).
 */
final class LatencyConsumer implements Runnable, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE_ID = "\"messageId\":\"";

    private final KafkaConsumer<byte[], String> consumer;
    private final boolean decisions;
    private final long epochNanos;
    private final Recorder recorder = new Recorder(3_600_000_000L, 3);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong worstMicros = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /**
     * @param decisions true for escalation decisions (read with a JSON parser: their evidence names
     *     messages too, and a waiting decision names none); false for records whose one {@code
     *     messageId} is the message's (scores, passthrough copies)
     */
    LatencyConsumer(
            String bootstrapServers,
            String topic,
            boolean readCommitted,
            boolean decisions,
            long epochNanos) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "1");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.decisions = decisions;
        this.epochNanos = epochNanos;
        this.thread = new Thread(this, "bench-consumer-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (running.get()) {
            for (ConsumerRecord<byte[], String> r : consumer.poll(Duration.ofMillis(50))) {
                long now = System.nanoTime();
                long due = decisions ? decisionDue(r.value()) : recordDue(r.value());
                if (due >= 0) {
                    long micros = Math.max(0, (now - epochNanos) / 1000 - due);
                    recorder.recordValue(micros);
                    worstMicros.accumulateAndGet(micros, Math::max);
                    received.incrementAndGet();
                }
            }
        }
        consumer.close();
    }

    private static long recordDue(String value) {
        int at = value.indexOf(MESSAGE_ID);
        return at < 0 ? -1 : LoadGenerator.dueMicros(value, at + MESSAGE_ID.length());
    }

    private static long decisionDue(String value) {
        try {
            JsonNode messageId = JSON.readTree(value).get("messageId");
            return messageId == null ? -1 : LoadGenerator.dueMicros(messageId.asText(), 0);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * What was recorded since the last call (or since the start); the next interval's worst latency
     * starts afresh too, so that a measured phase's first progress line does not show the
     * warm-up's.
     */
    Histogram interval() {
        worstMicros.set(0);
        return recorder.getIntervalHistogram();
    }

    /**
     * The longest latency since the last call or {@link #interval()}, in milliseconds: a stall
     * shows in the progress lines at the second it happened.
     */
    double worstSinceLastAsked() {
        return worstMicros.getAndSet(0) / 1000.0;
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(2000);
    }
}
