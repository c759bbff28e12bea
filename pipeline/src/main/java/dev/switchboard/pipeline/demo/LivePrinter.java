package dev.switchboard.pipeline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the output topics and prints each record as one time-stamped line a person can follow. It
 * prints what the job published, so what it shows is what any other consumer would read.
 */
final class LivePrinter implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final String bootstrapServers;
    private final List<String> topics;
    private final String isolation;
    private final PrintStream out;
    private final AtomicBoolean running = new AtomicBoolean(true);

    LivePrinter(String bootstrapServers, List<String> topics, String isolation, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.isolation = isolation;
        this.out = out;
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "switchboard-demo-printer");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(topics);
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.println(format(r.value()));
                }
            }
        }
    }

    /** The evidence excerpts, oldest first (already redacted by the job), so a reader sees why. */
    private static String excerpts(JsonNode decision) {
        StringBuilder b = new StringBuilder();
        for (JsonNode e : decision.path("evidence")) {
            if (e.hasNonNull("excerpt")) {
                b.append("\n                evidence: \"")
                        .append(e.get("excerpt").asText())
                        .append('"');
            }
        }
        return b.toString();
    }

    /** The customer's earlier contacts a routing decision carries, newest first. */
    private static String history(JsonNode routing) {
        StringBuilder b = new StringBuilder();
        for (JsonNode c : routing.path("history")) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "\n                earlier contact: %s by %s, intent %s, closed at %s (sentiment %+.2f)",
                            c.path("conversationId").asText(),
                            c.path("channel").asText(),
                            c.path("intent").asText("?"),
                            c.path("closingLevel").asText(),
                            c.path("closingSentiment").asDouble()));
        }
        return b.toString();
    }

    /** The span an insight counted, as "15 min". */
    private static String window(JsonNode insight) {
        Duration d =
                Duration.between(
                        java.time.Instant.parse(insight.at("/window/start").asText()),
                        java.time.Instant.parse(insight.at("/window/end").asText()));
        return d.toMinutes() + " min";
    }

    /** A surge's latest complaints (excerpts already redacted by the job). */
    private static String surgeExamples(JsonNode surge) {
        StringBuilder b = new StringBuilder();
        for (JsonNode e : surge.path("examples")) {
            b.append("\n                ")
                    .append(e.path("conversationId").asText())
                    .append(e.has("excerpt") ? ": \"" + e.path("excerpt").asText() + "\"" : "");
        }
        return b.toString();
    }

    static String format(String value) {
        String now = LocalTime.now(ZoneId.systemDefault()).format(CLOCK);
        try {
            JsonNode j = JSON.readTree(value);
            String conversation =
                    j.path("tenant").asText() + "/" + j.path("conversationId").asText();
            return switch (j.path("kind").asText()) {
                case "score" ->
                        j.at("/sentiment/supported").asBoolean(true)
                                ? String.format(
                                        Locale.ROOT,
                                        "%s  score       %-28s %-8s %-8s %+.2f  (%s)",
                                        now,
                                        conversation,
                                        j.path("role").asText(),
                                        j.at("/sentiment/label").asText(),
                                        j.at("/sentiment/score").asDouble(),
                                        j.path("messageId").asText())
                                : String.format(
                                        Locale.ROOT,
                                        "%s  score       %-28s %-8s not scored: language '%s' unsupported  (%s)",
                                        now,
                                        conversation,
                                        j.path("role").asText(),
                                        j.path("language").asText("?"),
                                        j.path("messageId").asText());
                case "escalation" ->
                        String.format(
                                Locale.ROOT,
                                "%s  %s  %-28s %s -> %s  %s  sentiment %+.2f  (policy %s v%d)%s",
                                now,
                                j.at("/policy/mode").asText().equals("shadow")
                                        ? "shadow    "
                                        : "ESCALATION",
                                conversation,
                                j.path("previousLevel").asText(),
                                j.path("level").asText().toUpperCase(Locale.ROOT),
                                j.path("reasons"),
                                j.path("customerSentiment").asDouble(),
                                j.at("/policy/name").asText(),
                                j.at("/policy/version").asInt(),
                                excerpts(j));
                case "conversation.summary" ->
                        String.format(
                                Locale.ROOT,
                                "%s  closed      %-28s %s  customer %d / agent %d messages, mean sentiment %+.2f",
                                now,
                                conversation,
                                j.path("closeReason").asText(),
                                j.at("/messages/customer").asInt(),
                                j.at("/messages/agent").asInt(),
                                j.at("/customerSentiment/mean").asDouble());
                case "routing" ->
                        String.format(
                                Locale.ROOT,
                                "%s  ROUTE       %-28s -> %-12s priority %d  intent %s (%.2f)  %s  skills %s  level %s%s  %s%s",
                                now,
                                conversation,
                                j.path("queue").asText(),
                                j.path("priority").asInt(),
                                j.path("intent").asText(),
                                j.path("intentConfidence").asDouble(),
                                j.path("language").asText("?"),
                                j.path("skills"),
                                j.path("level").asText(),
                                j.has("expectedWaitSeconds")
                                        ? String.format(
                                                Locale.ROOT,
                                                "  expected wait %.0fs",
                                                j.path("expectedWaitSeconds").asDouble())
                                        : "",
                                j.path("reasons"),
                                history(j));
                case "erasure.receipt" ->
                        String.format(
                                Locale.ROOT,
                                "%s  ERASED      %s/%s  request %s, conversations cleared %s",
                                now,
                                j.path("tenant").asText(),
                                j.path("customerId").asText(),
                                j.path("requestId").asText(),
                                j.path("conversationsCleared"));
                case "dead-letter" ->
                        String.format(
                                Locale.ROOT,
                                "%s  dead letter %s: %s",
                                now,
                                j.path("reason").asText(),
                                j.path("detail").asText());
                case "complaint_surge" ->
                        String.format(
                                Locale.ROOT,
                                "%s  SURGE       %s/%-21s %s: %d complaints in %s, %.1f expected (x%.1f)%s",
                                now,
                                j.path("tenant").asText(),
                                j.path("topic").asText(),
                                j.path("phase").asText(),
                                j.path("count").asInt(),
                                window(j),
                                j.path("expected").asDouble(),
                                j.path("factor").asDouble(),
                                surgeExamples(j));
                case "agent_strain" ->
                        String.format(
                                Locale.ROOT,
                                "%s  STRAIN      %s/%-21s %s: %s %s  hostile %d, escalated %d, run %d, %d min negative%s",
                                now,
                                j.path("tenant").asText(),
                                j.path("agentId").asText(),
                                j.path("phase").asText(),
                                j.path("level").asText(),
                                j.path("reasons"),
                                j.path("hostileMessages").asInt(),
                                j.path("escalatedConversations").asInt(),
                                j.path("difficultRun").asInt(),
                                j.path("negativeMinutes").asInt(),
                                j.has("suggestion")
                                        ? "  (" + j.path("suggestion").asText() + ")"
                                        : "");
                default -> now + "  " + value;
            };
        } catch (Exception e) {
            return now + "  (unreadable output) " + e.getMessage();
        }
    }
}
