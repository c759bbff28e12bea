package dev.switchboard.pipeline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.pipeline.config.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces the lines of a JSONL file, one every {@code pace}: {@code policy} records to the
 * policies topic (keyed by tenant), {@code erase} records to the control topic, {@code
 * queue.status} records to the {@link QueueFeed} (which keeps reporting them), a {@code
 * demo.queue-offline} line takes a queue's feed down, everything else goes to the messages topic
 * (keyed by {@code tenant/conversationId}). Records with a {@code ts} get it set to the moment of
 * sending, so that the recorded conversations play out live; lines that are not JSON objects are
 * sent as they are (the sample file has a few on purpose, to show dead letters).
 */
final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replay() {}

    /** Gives the {@code queue.status} lines of a JSONL file to the queue feed. */
    static void queueStatuses(InputStream lines, QueueFeed queues) throws IOException {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(lines, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    if (JSON.readTree(line) instanceof ObjectNode o
                            && o.path("type").asText().equals("queue.status")) {
                        queues.update(o);
                    }
                } catch (IOException notJson) {
                    // The sample's broken lines are for the job, not the queues.
                }
            }
        }
    }

    static int run(
            InputStream lines,
            String bootstrapServers,
            Topics topics,
            Duration pace,
            QueueFeed queues,
            PrintStream out)
            throws IOException, InterruptedException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                p, new ByteArraySerializer(), new ByteArraySerializer());
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(lines, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] key = null;
                byte[] value = line.getBytes(StandardCharsets.UTF_8);
                String topic = topics.messages();
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node instanceof ObjectNode o) {
                        if (o.has("ts")) {
                            o.put("ts", System.currentTimeMillis());
                        }
                        value = JSON.writeValueAsBytes(o);
                        String type = o.path("type").asText();
                        String tenant = o.path("tenant").asText();
                        if (type.equals("queue.status")) {
                            queues.update(o);
                            sent++;
                            Thread.sleep(pace.toMillis());
                            continue;
                        } else if (type.equals("demo.queue-offline")) {
                            // Not a contract record: the sample's way of saying "this queue's
                            // system goes down now".
                            queues.offline(tenant, o.path("queue").asText());
                            continue;
                        } else if (type.equals("policy")) {
                            topic = topics.policies();
                            key = tenant.getBytes(StandardCharsets.UTF_8);
                            out.printf(
                                    "%n>> publishing a %s policy for tenant %s to %s: %s%n%n",
                                    o.path("mode").asText("live"), tenant, topic, o.path("policy"));
                        } else if (type.equals("erase")) {
                            topic = topics.control();
                            out.printf(
                                    "%n>> erase request %s for %s/%s on %s%n%n",
                                    o.path("requestId").asText(),
                                    tenant,
                                    o.path("customerId").asText(),
                                    topic);
                        } else if (o.hasNonNull("tenant") && o.hasNonNull("conversationId")) {
                            key =
                                    (tenant + "/" + o.get("conversationId").asText())
                                            .getBytes(StandardCharsets.UTF_8);
                        }
                    }
                } catch (IOException notJson) {
                    // Sent as is: the job dead-letters it.
                }
                producer.send(new ProducerRecord<>(topic, key, value));
                sent++;
                Thread.sleep(pace.toMillis());
            }
        }
        return sent;
    }
}
