package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the job's escalations, scores, routing decisions and summaries and the supervisors'
 * acknowledgements, from {@code lookback} ago (record time) rather than the whole retention,
 * applies each to {@link BoardState} and hands every visible change, with its tenant, to {@code
 * onChange}. One thread; no consumer group (nothing to commit: the state is rebuilt on every
 * start).
 *
 * <p>It never dies of its input or of Kafka: a record that cannot be applied is skipped, counted
 * and logged by its coordinates (never its text); when the brokers cannot be reached it says so in
 * {@link BoardHealth} (and so on {@code /healthz} and the page) and keeps trying, and the consumer
 * resumes where it was once they are back.
 */
final class BoardFeed implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often the brokers are asked for the topics' ends: the outage probe and the lag. */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(2);

    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    private final BoardState state;
    private final BiConsumer<String, String> onChange;
    private final BiConsumer<String, String> onInsight;
    private final BoardHealth health;
    private final Runnable onHealthChange;
    private final Duration lookback;
    private volatile boolean running = true;

    BoardFeed(
            String bootstrapServers,
            List<String> topics,
            BoardState state,
            BiConsumer<String, String> onChange,
            BiConsumer<String, String> onInsight,
            BoardHealth health,
            Runnable onHealthChange,
            Duration lookback) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The job's exactly-once outputs become visible when committed; never show an aborted one.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.topics = topics;
        this.state = state;
        this.onChange = onChange;
        this.onInsight = onInsight;
        this.health = health;
        this.onHealthChange = onHealthChange;
        this.lookback = lookback;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            seekToLookback(partitions);
            long nextProbe = 0;
            while (running) {
                try {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        apply(r);
                    }
                    if (System.currentTimeMillis() >= nextProbe) {
                        nextProbe = System.currentTimeMillis() + PROBE_EVERY.toMillis();
                        probe(partitions);
                    }
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (KafkaException e) {
                    // A timeout or a lost connection: the consumer keeps its positions and retries.
                    setHealth(BoardHealth.Status.RECONNECTING, e.getClass().getSimpleName());
                    LOG.warn(
                            "board feed cannot read the topics ({}); retrying",
                            e.getClass().getSimpleName());
                    Thread.sleep(1000);
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> partitions() throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = null;
            while (running && (infos == null || infos.isEmpty())) {
                try {
                    infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                } catch (KafkaException e) {
                    setHealth(BoardHealth.Status.RECONNECTING, e.getClass().getSimpleName());
                }
                if (infos == null || infos.isEmpty()) {
                    LOG.info("waiting for topic {}", topic);
                    Thread.sleep(1000);
                }
            }
            if (infos != null) {
                infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
        }
        return partitions;
    }

    /** Each partition from its first record of {@code lookback} ago or later; its end when none. */
    private void seekToLookback(List<TopicPartition> partitions) {
        long from = System.currentTimeMillis() - lookback.toMillis();
        // The ends before the search: a partition with nothing in the window starts there, so what
        // is written while the board starts is read, not skipped.
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets =
                consumer.offsetsForTimes(times, Duration.ofSeconds(30));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp o = offsets.get(tp);
            consumer.seek(tp, o == null ? ends.getOrDefault(tp, 0L) : o.offset());
        }
    }

    /** Asks for the ends: throws while the brokers are away; says live once caught up. */
    private void probe(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(2));
        boolean caughtUp = true;
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp, Duration.ofSeconds(2)) < ends.getOrDefault(tp, 0L)) {
                caughtUp = false;
                break;
            }
        }
        setHealth(caughtUp ? BoardHealth.Status.LIVE : BoardHealth.Status.CATCHING_UP, null);
    }

    private void setHealth(BoardHealth.Status status, String why) {
        if (health.set(status, why)) {
            LOG.info("board feed {}", status);
            onHealthChange.run();
        }
    }

    /** One record: applied, or skipped and counted; never thrown out of the loop. */
    private void apply(ConsumerRecord<String, String> r) {
        health.read();
        if (r.value() == null) {
            return;
        }
        try {
            JsonNode record = JSON.readTree(r.value());
            if (BoardState.isInsight(record)) {
                String insight = state.applyInsight(record, System.currentTimeMillis());
                if (insight != null) {
                    onInsight.accept(record.path("tenant").asText(), insight);
                }
                return;
            }
            String changed = state.apply(record, System.currentTimeMillis());
            if (changed != null) {
                onChange.accept(record.path("tenant").asText(), changed);
            }
        } catch (java.io.IOException | RuntimeException e) {
            health.skipped();
            LOG.warn(
                    "board skipped the record at {}/{}@{}: {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.getClass().getSimpleName());
        }
    }

    void close() {
        running = false;
        consumer.wakeup();
    }
}
