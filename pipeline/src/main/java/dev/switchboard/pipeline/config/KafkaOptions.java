package dev.switchboard.pipeline.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of {@code switchboard run} that say where the job reads and writes, and with which
 * guarantee: {@link KafkaSettings}.
 */
public class KafkaOptions {
    @Option(
            names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).",
            defaultValue = "localhost:9092")
    public String bootstrapServers;

    @Option(
            names = "--messages-topic",
            description = "Input topic (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.MESSAGES)
    public String messagesTopic;

    @Option(
            names = "--control-topic",
            description = "Control topic: erase requests (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.CONTROL)
    public String controlTopic;

    @Option(
            names = "--policies-topic",
            description =
                    "Policies topic: tenants' escalation policies, read from the start (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.POLICIES)
    public String policiesTopic;

    @Option(
            names = "--queue-status-topic",
            description =
                    "Queue status topic: the live load of the tenants' queues (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.QUEUE_STATUS)
    public String queueStatusTopic;

    @Option(
            names = "--scores-topic",
            description = "Scores output topic (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.SCORES)
    public String scoresTopic;

    @Option(
            names = "--escalations-topic",
            description = "Escalation decisions topic (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.ESCALATIONS)
    public String escalationsTopic;

    @Option(
            names = "--shadow-escalations-topic",
            description = "Decisions of tenants' shadow policies (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.SHADOW_ESCALATIONS)
    public String shadowEscalationsTopic;

    @Option(
            names = "--routing-topic",
            description = "Routing decisions topic (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.ROUTING)
    public String routingTopic;

    @Option(
            names = "--insights-topic",
            description = "Complaint surges and agent strain (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.INSIGHTS)
    public String insightsTopic;

    @Option(
            names = "--conversations-topic",
            description = "Conversation summaries topic (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.CONVERSATIONS)
    public String conversationsTopic;

    @Option(
            names = "--dead-letters-topic",
            description = "Dead-letter topic (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.DEAD_LETTERS)
    public String deadLettersTopic;

    @Option(
            names = "--audit-topic",
            description = "Audit topic: erasure receipts (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.AUDIT)
    public String auditTopic;

    @Option(
            names = "--group-id",
            description = "Consumer group of the messages source (default: ${DEFAULT-VALUE}).",
            defaultValue = "switchboard")
    public String groupId;

    @Option(
            names = "--start-from",
            description =
                    "Where to start without committed offsets: earliest or latest (default: ${DEFAULT-VALUE}).",
            defaultValue = "earliest")
    public String startFrom;

    @Option(
            names = "--delivery",
            description = "at-least-once or exactly-once (default: ${DEFAULT-VALUE}).",
            defaultValue = "at-least-once")
    public String delivery;

    @Option(
            names = "--transactional-id-prefix",
            description =
                    "Kafka transactional id prefix, unique per job (default: ${DEFAULT-VALUE}).",
            defaultValue = "switchboard")
    public String transactionalIdPrefix;

    @Option(
            names = "--producer-linger",
            description = "Kafka producers' linger.ms (default: ${DEFAULT-VALUE}).",
            defaultValue = "0ms")
    public Duration producerLinger;

    @Option(
            names = "--partition-discovery-interval",
            description =
                    "How often the Kafka sources look for new partitions of their topics (default: ${DEFAULT-VALUE}).",
            defaultValue = "60s")
    public Duration partitionDiscoveryInterval;

    @Option(
            names = "--transaction-timeout",
            description =
                    "Kafka producers' transaction.timeout.ms with --delivery exactly-once; keep it below the brokers' transaction.max.timeout.ms (default: ${DEFAULT-VALUE}).",
            defaultValue = "10m")
    public Duration transactionTimeout;

    KafkaSettings toSettings() {
        if (!startFrom.equals("earliest") && !startFrom.equals("latest")) {
            throw new IllegalArgumentException(
                    "--start-from must be earliest or latest, was '" + startFrom + "'");
        }
        return new KafkaSettings(
                bootstrapServers,
                new Topics(
                        messagesTopic,
                        controlTopic,
                        policiesTopic,
                        queueStatusTopic,
                        scoresTopic,
                        escalationsTopic,
                        shadowEscalationsTopic,
                        routingTopic,
                        conversationsTopic,
                        deadLettersTopic,
                        auditTopic,
                        insightsTopic),
                groupId,
                startFrom.equals("earliest"),
                DeliveryMode.fromFlag(delivery),
                transactionalIdPrefix,
                producerLinger,
                partitionDiscoveryInterval,
                transactionTimeout);
    }
}
