package dev.switchboard.pipeline.config;

import dev.switchboard.operators.escalation.EscalationPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The job's command-line options and their defaults: the one place a setting is named. Shared by
 * {@code switchboard run}, {@code switchboard demo} and the tests (which set fields directly), and
 * turned into a validated {@link SwitchboardConfig} by {@link #toConfig()}.
 */
public class JobOptions {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrapServers = "localhost:9092";

    @Option(names = "--messages-topic", description = "Input topic (default: ${DEFAULT-VALUE}).")
    public String messagesTopic = Topics.DEFAULTS.messages();

    @Option(names = "--scores-topic", description = "Scores output topic (default: ${DEFAULT-VALUE}).")
    public String scoresTopic = Topics.DEFAULTS.scores();

    @Option(names = "--escalations-topic", description = "Escalation decisions topic (default: ${DEFAULT-VALUE}).")
    public String escalationsTopic = Topics.DEFAULTS.escalations();

    @Option(names = "--routing-topic", description = "Routing decisions topic (default: ${DEFAULT-VALUE}).")
    public String routingTopic = Topics.DEFAULTS.routing();

    @Option(names = "--conversations-topic", description = "Conversation summaries topic (default: ${DEFAULT-VALUE}).")
    public String conversationsTopic = Topics.DEFAULTS.conversations();

    @Option(names = "--dead-letters-topic", description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
    public String deadLettersTopic = Topics.DEFAULTS.deadLetters();

    @Option(names = "--group-id", description = "Consumer group of the messages source (default: ${DEFAULT-VALUE}).")
    public String groupId = "switchboard";

    @Option(names = "--start-from", description = "Where to start without committed offsets: earliest or latest (default: ${DEFAULT-VALUE}).")
    public String startFrom = "earliest";

    @Option(names = "--delivery", description = "at-least-once or exactly-once (default: ${DEFAULT-VALUE}).")
    public String delivery = DeliveryMode.AT_LEAST_ONCE.flag();

    @Option(names = "--transactional-id-prefix", description = "Kafka transactional id prefix, unique per job (default: ${DEFAULT-VALUE}).")
    public String transactionalIdPrefix = "switchboard";

    @Option(names = "--checkpoint-interval", description = "Checkpoint interval, e.g. 5s (default: ${DEFAULT-VALUE}). In exactly-once mode outputs become visible at this pace.")
    public Duration checkpointInterval = Duration.ofSeconds(5);

    @Option(names = "--checkpoint-dir", description = "Checkpoint storage URI (default: ${DEFAULT-VALUE}).")
    public String checkpointDir = "file:///tmp/switchboard/checkpoints";

    @Option(names = "--rocksdb-local-dir", description = "RocksDB working directory (default: Flink's temp dirs).")
    public String rocksDbLocalDir;

    @Option(names = "--buffer-timeout", description = "Network buffer flush timeout; 0 flushes every record (default: ${DEFAULT-VALUE}).")
    public Duration bufferTimeout = Duration.ZERO;

    @Option(names = "--producer-linger", description = "Kafka producers' linger.ms (default: ${DEFAULT-VALUE}).")
    public Duration producerLinger = Duration.ZERO;

    @Option(names = "--parallelism", description = "Job parallelism; 0 uses the cluster default (default: ${DEFAULT-VALUE}).")
    public int parallelism = 0;

    @Option(names = "--max-text-bytes", description = "Largest message text accepted, UTF-8 bytes (default: ${DEFAULT-VALUE}).")
    public int maxTextBytes = 16 * 1024;

    @Option(names = "--idle-timeout", description = "Close a conversation after this much event time without records (default: ${DEFAULT-VALUE}).")
    public Duration idleTimeout = Duration.ofMinutes(30);

    @Option(names = "--state-ttl", description = "Processing-time TTL of keyed state (default: ${DEFAULT-VALUE}).")
    public Duration stateTtl = Duration.ofHours(24);

    @Option(names = "--sentiment-smoothing", description = "Weight of the newest customer message in the running sentiment (default: ${DEFAULT-VALUE}).")
    public double sentimentSmoothing = 0.5;

    @Option(names = "--max-out-of-orderness", description = "Allowed event-time disorder (default: ${DEFAULT-VALUE}).")
    public Duration maxOutOfOrderness = Duration.ofSeconds(5);

    @Option(names = "--source-idleness", description = "An input with no record for this long is left out of the watermark (default: ${DEFAULT-VALUE}).")
    public Duration sourceIdleness = Duration.ofSeconds(30);

    @Option(names = "--heartbeat-after", description = "After this much quiet, event time follows the clock so timers fire; 0 = off (default: ${DEFAULT-VALUE}).")
    public Duration heartbeatAfter = Duration.ofSeconds(10);

    public SwitchboardConfig toConfig() {
        if (!startFrom.equals("earliest") && !startFrom.equals("latest")) {
            throw new IllegalArgumentException("--start-from must be earliest or latest, was '" + startFrom + "'");
        }
        return new SwitchboardConfig(
                bootstrapServers,
                new Topics(messagesTopic, scoresTopic, escalationsTopic, routingTopic, conversationsTopic, deadLettersTopic),
                groupId,
                startFrom.equals("earliest"),
                DeliveryMode.fromFlag(delivery),
                transactionalIdPrefix,
                checkpointInterval,
                checkpointDir,
                rocksDbLocalDir,
                bufferTimeout,
                producerLinger,
                parallelism,
                maxTextBytes,
                idleTimeout,
                stateTtl,
                sentimentSmoothing,
                maxOutOfOrderness,
                sourceIdleness,
                heartbeatAfter,
                EscalationPolicy.defaults());
    }
}
