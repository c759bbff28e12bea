package dev.switchboard.board;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A board on a test broker, with its topics, supervisors of two tenants, and job-shaped records.
 */
public final class BoardFixture implements AutoCloseable {
    public static final String PASSWORD = "correct horse";
    public static final Map<Supervisor, String> SUPERVISORS =
            Map.of(
                    new Supervisor("ana", "acme"), PASSWORD,
                    new Supervisor("ada", "acme"), PASSWORD,
                    new Supervisor("bob", "globex"), PASSWORD);

    public final KafkaTestBroker kafka;
    public final String prefix;
    public final BoardSettings settings;
    public final BoardServer server;

    public BoardFixture(KafkaTestBroker kafka, String prefix) throws Exception {
        this(kafka, prefix, BoardSettings.Limits.DEFAULTS);
    }

    public BoardFixture(KafkaTestBroker kafka, String prefix, BoardSettings.Limits limits)
            throws Exception {
        this.kafka = kafka;
        this.prefix = prefix;
        settings =
                new BoardSettings(
                        kafka.bootstrapServers(),
                        "127.0.0.1",
                        0,
                        prefix + "escalations",
                        prefix + "scores",
                        prefix + "routing",
                        prefix + "conversations",
                        prefix + "acks",
                        Accounts.of(SUPERVISORS),
                        limits);
        kafka.createTopics(settings.topics(), 2);
        server = new BoardServer(settings).start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public static KafkaTestBroker.Record escalation(
            String tenant, String conversation, String level, String excerpt, long ts) {
        String json =
                "{\"id\":\"e-"
                        + conversation
                        + "-"
                        + level
                        + "\",\"v\":1,\"kind\":\"escalation\",\"tenant\":\""
                        + tenant
                        + "\",\"conversationId\":\""
                        + conversation
                        + "\",\"customerId\":\"cust-"
                        + conversation
                        + "\",\"channel\":\"chat\",\"level\":\""
                        + level
                        + "\",\"previousLevel\":\"none\","
                        + "\"reasons\":[\"NEGATIVE_TREND\"],\"evidence\":[{\"messageId\":\"m1\",\"ts\":\"2026-11-24T10:00:00Z\",\"label\":\"negative\",\"score\":-0.9,"
                        + "\"excerpt\":"
                        + com.fasterxml.jackson.databind.node.TextNode.valueOf(excerpt)
                        + "}],\"messageId\":\"m1\",\"customerSentiment\":-0.8,"
                        + "\"policy\":{\"name\":\"default\",\"version\":1,\"mode\":\"live\"},\"ts\":"
                        + ts
                        + ",\"decidedAt\":\"2026-11-24T10:00:00.010Z\"}";
        return record(tenant, conversation, json);
    }

    public static KafkaTestBroker.Record score(
            String tenant, String conversation, String role, double score, long ts) {
        String json =
                "{\"id\":\"s-"
                        + conversation
                        + "-"
                        + ts
                        + "\",\"v\":1,\"kind\":\"score\",\"tenant\":\""
                        + tenant
                        + "\",\"conversationId\":\""
                        + conversation
                        + "\",\"messageId\":\"m"
                        + ts
                        + "\",\"channel\":\"chat\",\"role\":\""
                        + role
                        + "\",\"sentiment\":{\"label\":\"negative\",\"score\":"
                        + score
                        + ",\"confidence\":0.9,\"supported\":true},\"ts\":"
                        + ts
                        + ",\"decidedAt\":\"2026-11-24T10:00:00.010Z\"}";
        return record(tenant, conversation, json);
    }

    public static KafkaTestBroker.Record routing(
            String tenant, String conversation, String queue, int priority) {
        String json =
                "{\"id\":\"r-"
                        + conversation
                        + "\",\"v\":1,\"kind\":\"routing\",\"tenant\":\""
                        + tenant
                        + "\",\"conversationId\":\""
                        + conversation
                        + "\",\"intent\":\"get_refund\",\"intentConfidence\":0.9,\"language\":\"en\",\"skills\":[\"billing\"],\"queue\":\""
                        + queue
                        + "\",\"priority\":"
                        + priority
                        + ",\"level\":\"alert\",\"reasons\":[],\"history\":[],\"ts\":1,\"decidedAt\":\"2026-11-24T10:00:00.010Z\"}";
        return record(tenant, conversation, json);
    }

    private static KafkaTestBroker.Record record(String tenant, String conversation, String json) {
        return new KafkaTestBroker.Record(
                tenant + "/" + conversation, json.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, KafkaTestBroker.Record... records) throws Exception {
        kafka.produce(topic, List.of(records));
    }

    @Override
    public void close() {
        server.close();
    }
}
