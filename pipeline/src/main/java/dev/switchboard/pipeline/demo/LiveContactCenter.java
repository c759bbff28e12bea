package dev.switchboard.pipeline.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs the demo's {@link ContactCenter} live until stopped: new conversations start at random
 * (exponential gaps, {@code perMinute} on average), and every record is produced to the messages
 * topic when it is due, keyed {@code tenant/conversationId}, with {@code ts} set to that moment.
 */
final class LiveContactCenter implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final String topic;
    private final double perMinute;
    private final long seed;
    private volatile boolean running = true;
    private volatile long sent;

    LiveContactCenter(String bootstrapServers, String topic, double perMinute, long seed) {
        if (!(perMinute > 0)) {
            throw new IllegalArgumentException(
                    "conversations per minute must be positive, was " + perMinute);
        }
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.perMinute = perMinute;
        this.seed = seed;
    }

    /** Records produced so far. */
    long sent() {
        return sent;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Random gaps = new Random(seed + 1);
        long meanGapMs = Math.round(60_000 / perMinute);
        long now = System.currentTimeMillis();
        ContactCenter center = new ContactCenter(seed, now);
        PriorityQueue<ContactCenter.Scheduled> due =
                new PriorityQueue<>(Comparator.comparingLong(ContactCenter.Scheduled::atMs));
        long nextStart = now;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            while (running) {
                now = System.currentTimeMillis();
                while (nextStart <= now) {
                    due.addAll(center.next(nextStart));
                    nextStart +=
                            Math.max(200, Math.round(-Math.log(1 - gaps.nextDouble()) * meanGapMs));
                }
                while (!due.isEmpty() && due.peek().atMs() <= now) {
                    var r = due.poll().record();
                    r.put("ts", now);
                    String key =
                            r.path("tenant").asText() + "/" + r.path("conversationId").asText();
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    key.getBytes(StandardCharsets.UTF_8),
                                    JSON.writeValueAsBytes(r)));
                    sent++;
                }
                long next = Math.min(nextStart, due.isEmpty() ? nextStart : due.peek().atMs());
                Thread.sleep(Math.max(10, Math.min(250, next - System.currentTimeMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (running) {
                throw new IllegalStateException("the live contact center stopped: " + e, e);
            }
        }
    }
}
