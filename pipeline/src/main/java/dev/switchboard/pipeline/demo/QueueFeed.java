package dev.switchboard.pipeline.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plays the tenants' queue-management systems in the demo: publishes each queue's latest status to
 * the queue-status topic (key {@code tenant/queue}) when the replay changes it and again every
 * {@code everyMillis}, with the current time, as a real feed reports periodically; a queue taken
 * offline stops reporting, so the job sees it go quiet.
 */
final class QueueFeed implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final PrintStream out;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, ObjectNode> latest = new LinkedHashMap<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "demo-queue-feed");
                        t.setDaemon(true);
                        return t;
                    });

    QueueFeed(String bootstrapServers, String topic, long everyMillis, PrintStream out) {
        this.topic = topic;
        this.out = out;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        timer.scheduleAtFixedRate(
                this::publishAll, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** A queue's new status: published at once, then periodically. */
    synchronized void update(ObjectNode status) {
        String key = status.path("tenant").asText() + "/" + status.path("queue").asText();
        ObjectNode previous = latest.put(key, status);
        out.printf(
                ">> queue %-22s %s agents free, %s waiting, %ss average wait%s%n",
                key,
                status.path("agentsAvailable"),
                status.path("waiting"),
                status.path("avgWaitSeconds"),
                previous == null ? "" : " (changed)");
        publish(key, status);
    }

    /** A queue's system goes down: it reports no more. */
    synchronized void offline(String tenant, String queue) {
        latest.remove(tenant + "/" + queue);
        out.printf(
                "%n>> queue %s/%s stops reporting (its queue system went offline)%n%n",
                tenant, queue);
    }

    private synchronized void publishAll() {
        latest.forEach(this::publish);
    }

    private void publish(String key, ObjectNode status) {
        status.put("ts", System.currentTimeMillis());
        try {
            producer.send(
                    new ProducerRecord<>(
                            topic,
                            key.getBytes(StandardCharsets.UTF_8),
                            JSON.writeValueAsBytes(status)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        producer.close();
    }
}
