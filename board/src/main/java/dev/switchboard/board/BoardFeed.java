package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the job's escalations, scores and routing decisions and the supervisors' acknowledgements
 * from the start of each topic (so a board started late, or a supervisor who opens the page late,
 * sees the current state), applies each to {@link BoardState} and hands every visible change,
 * with its tenant, to {@code onChange}. One thread; no consumer group (nothing to commit: the
 * state is rebuilt from the topics on every start).
 */
final class BoardFeed implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    private final BoardState state;
    private final BiConsumer<String, String> onChange;
    private volatile boolean running = true;

    BoardFeed(String bootstrapServers, List<String> topics, BoardState state, BiConsumer<String, String> onChange) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The job's exactly-once outputs become visible when committed; never show an aborted one.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.topics = topics;
        this.state = state;
        this.onChange = onChange;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = null;
                while (running && (infos == null || infos.isEmpty())) {
                    infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                    if (infos == null || infos.isEmpty()) {
                        LOG.info("waiting for topic {}", topic);
                        Thread.sleep(1000);
                    }
                }
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    apply(r);
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        if (r.value() == null) {
            return;
        }
        JsonNode record;
        try {
            record = JSON.readTree(r.value());
        } catch (java.io.IOException e) {
            LOG.warn("unreadable record at {}/{}@{} skipped", r.topic(), r.partition(), r.offset());
            return;
        }
        String changed = state.apply(record, System.currentTimeMillis());
        if (changed != null) {
            onChange.accept(record.path("tenant").asText(), changed);
        }
    }

    void close() {
        running = false;
        consumer.wakeup();
    }
}
