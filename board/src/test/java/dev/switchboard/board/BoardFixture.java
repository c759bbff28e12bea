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
                        prefix + "insights",
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
        return escalation(tenant, conversation, level, excerpt, ts, false);
    }

    /**
     * @param secondOpinion the evidence's score is the meaning tier's second opinion
     */
    public static KafkaTestBroker.Record escalation(
            String tenant,
            String conversation,
            String level,
            String excerpt,
            long ts,
            boolean secondOpinion) {
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
                        + (secondOpinion ? ",\"secondOpinion\":true" : "")
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

    /** A complaint-surge record as the job writes it (docs/contract.md). */
    public static KafkaTestBroker.Record surge(
            String tenant, String episode, String phase, String topic, int count, String excerpt) {
        String json =
                "{\"id\":\"i-"
                        + episode
                        + "-"
                        + phase
                        + count
                        + "\",\"v\":1,\"kind\":\"complaint_surge\",\"phase\":\""
                        + phase
                        + "\",\"tenant\":\""
                        + tenant
                        + "\",\"episodeId\":\""
                        + episode
                        + "\",\"topic\":\""
                        + topic
                        + "\",\"window\":{\"start\":\"2026-12-05T03:00:00Z\",\"end\":\"2026-12-05T03:15:00Z\"},"
                        + "\"count\":"
                        + count
                        + ",\"expected\":4.0,\"factor\":"
                        + count / 4.0
                        + ",\"pValue\":1.0E-6,\"examples\":[{\"conversationId\":\"c-9\",\"excerpt\":"
                        + com.fasterxml.jackson.databind.node.TextNode.valueOf(excerpt)
                        + ",\"ts\":\"2026-12-05T03:14:00Z\"}],"
                        + "\"ts\":\"2026-12-05T03:14:00Z\",\"decidedAt\":\"2026-12-05T03:14:01Z\"}";
        return new KafkaTestBroker.Record(
                tenant + "/" + episode, json.getBytes(StandardCharsets.UTF_8));
    }

    /** An agent-strain record as the job writes it (docs/contract.md). */
    public static KafkaTestBroker.Record strain(
            String tenant, String episode, String phase, String agent, String level) {
        String json =
                "{\"id\":\"i-"
                        + episode
                        + "-"
                        + phase
                        + level
                        + "\",\"v\":1,\"kind\":\"agent_strain\",\"phase\":\""
                        + phase
                        + "\",\"tenant\":\""
                        + tenant
                        + "\",\"episodeId\":\""
                        + episode
                        + "\",\"agentId\":\""
                        + agent
                        + "\",\"level\":\""
                        + level
                        + "\",\"reasons\":[\"hostile_messages\",\"difficult_run\"],"
                        + "\"window\":{\"start\":\"2026-12-05T01:10:00Z\",\"end\":\"2026-12-05T03:10:00Z\"},"
                        + "\"hostileMessages\":7,\"escalatedConversations\":1,\"difficultRun\":4,\"negativeMinutes\":12,"
                        + (level.equals("none") ? "" : "\"suggestion\":\"offer a break\",")
                        + "\"ts\":\"2026-12-05T03:04:12Z\",\"decidedAt\":\"2026-12-05T03:05:00Z\"}";
        return new KafkaTestBroker.Record(
                tenant + "/" + episode, json.getBytes(StandardCharsets.UTF_8));
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
