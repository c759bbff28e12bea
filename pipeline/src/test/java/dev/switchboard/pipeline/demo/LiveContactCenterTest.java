package dev.switchboard.pipeline.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.board.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live contact center on a real broker: records keyed by conversation, stamped when sent. */
class LiveContactCenterTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void producesConversationsLiveUntilStopped() throws Exception {
        String topic = "live-messages";
        KAFKA.createTopics(List.of(topic), 2);
        LiveContactCenter live = new LiveContactCenter(KAFKA.bootstrapServers(), topic, 600, 42);
        long before = System.currentTimeMillis();
        Thread thread = new Thread(live, "live-test");
        thread.start();
        List<ConsumerRecord<String, String>> read =
                KAFKA.readUntil(topic, false, r -> r.size() >= 20, Duration.ofSeconds(60));
        live.stop();
        thread.join(5_000);
        assertTrue(!thread.isAlive(), "it stops when asked");
        assertTrue(read.size() >= 20, "records: " + read.size());
        assertTrue(
                read.stream().anyMatch(r -> r.value().contains("\"role\":\"customer\"")),
                "customers speak");
        for (ConsumerRecord<String, String> r : read) {
            JsonNode j = JSON.readTree(r.value());
            assertEquals(
                    j.path("tenant").asText() + "/" + j.path("conversationId").asText(), r.key());
            assertTrue(j.path("ts").asLong() >= before, "stamped when sent: " + r.value());
        }
        assertTrue(live.sent() >= read.size());
    }
}
