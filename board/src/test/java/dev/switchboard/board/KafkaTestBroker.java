package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker for a test class (the same {@link EmbeddedKafka} the demo runs),
 * with the few client calls the tests need.
 */
public final class KafkaTestBroker implements BeforeAllCallback, AfterAllCallback {
    /** A record to produce: its key (null for none) and its value. */
    public record Record(String key, byte[] value) {}

    private EmbeddedKafka broker;

    /**
     * One plain (non-idempotent) producer for the broker's life. With the default idempotent
     * producer, the kill-restore test in exactly-once mode saw the broker reject the second batch
     * of input with OutOfOrderSequenceException (incoming sequence 0 against an end sequence of 90
     * for the same producer id) while the job's transactional producers restarted; the records were
     * then never delivered. One request in flight keeps the order without sequence numbers.
     */
    private KafkaProducer<byte[], byte[]> producer;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = EmbeddedKafka.startOnFreePorts();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (producer != null) {
            producer.close();
        }
        broker.close();
    }

    /** Stops the broker: clients see it gone until {@link #startBroker}. */
    public void stopBroker() {
        broker.stop();
    }

    /** Starts the stopped broker again, on the same port and with its data. */
    public void startBroker() {
        broker.restart();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<String> topics, int partitions) throws Exception {
        broker.createTopics(topics, partitions);
    }

    /**
     * Produces one record with the given record timestamp (as the job stamps its outputs with event
     * time).
     */
    public void produceAt(String topic, Record record, long timestamp) throws Exception {
        produce(topic, List.of());
        byte[] key =
                record.key() == null
                        ? null
                        : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, record.value())).get();
    }

    /** Produces {@code records} in order and waits until the broker has acknowledged every one. */
    public void produce(String topic, List<Record> records) throws Exception {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (Record r : records) {
            byte[] key =
                    r.key() == null
                            ? null
                            : r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sent.add(producer.send(new ProducerRecord<>(topic, key, r.value())));
        }
        producer.flush();
        for (var f : sent) {
            f.get(); // a failed send fails the test here, not later as "lost" output
        }
    }

    /**
     * The JSON of {@code topic}'s records (read uncommitted), once at least {@code atLeast} are
     * there or {@code timeout} passes; see {@link #readUntil}.
     */
    public List<JsonNode> readJson(String topic, int atLeast, Duration timeout) {
        return OutputRecords.json(readUntil(topic, false, r -> r.size() >= atLeast, timeout));
    }

    /**
     * Reads {@code topic} from the start until {@code done} holds for what was read (or the timeout
     * passes), then on to the end offsets, so records beyond the expected ones (duplicates) show.
     */
    public List<ConsumerRecord<String, String>> readUntil(
            String topic,
            boolean readCommitted,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            }
        }
        return read;
    }
}
