package dev.switchboard.pipeline.config;

import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.operators.score.SentimentModels;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The job's command-line options and their defaults: the one place a setting is named. Shared by
 * {@code switchboard run}, {@code switchboard demo} and the tests (which start from {@link
 * #defaults()} and set fields), and turned into a validated {@link SwitchboardConfig} by {@link
 * #toConfig()}.
 */
public class JobOptions {
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
            names = "--routing",
            description =
                    "Tenants' routing (intent model, intent-to-skill map, queue catalogue, fallback queue) as a JSON file; see docs/routing.md. Default: no routing.")
    public java.nio.file.Path routingFile;

    @Option(
            names = "--intent-messages",
            description =
                    "Customer messages read for an intent before routing with intent 'unknown' (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    public int intentMessages;

    @Option(
            names = "--min-intent-confidence",
            description = "Probability at which an intent is taken (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.5")
    public double minIntentConfidence;

    @Option(
            names = "--queue-stale-after",
            description =
                    "A queue without a status for this long (event time) is unavailable (default: ${DEFAULT-VALUE}).",
            defaultValue = "2min")
    public Duration queueStaleAfter;

    @Option(
            names = "--customer-history-ttl",
            description =
                    "How long a customer's past contacts are kept after the last one (default: ${DEFAULT-VALUE}).",
            defaultValue = "7d")
    public Duration customerHistoryTtl;

    @Option(
            names = "--history-size",
            description =
                    "How many past contacts are kept per customer (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    public int historySize;

    @Option(
            names = "--shadow-escalations-topic",
            description = "Decisions of tenants' shadow policies (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.SHADOW_ESCALATIONS)
    public String shadowEscalationsTopic;

    @Option(
            names = "--audit-topic",
            description = "Audit topic: erasure receipts (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.AUDIT)
    public String auditTopic;

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
            names = "--routing-topic",
            description = "Routing decisions topic (default: ${DEFAULT-VALUE}).",
            defaultValue = Topics.ROUTING)
    public String routingTopic;

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
            names = "--checkpoint-interval",
            description =
                    "Checkpoint interval, e.g. 5s (default: ${DEFAULT-VALUE}). In exactly-once mode outputs become visible at this pace.",
            defaultValue = "5s")
    public Duration checkpointInterval;

    @Option(
            names = "--checkpoint-dir",
            description = "Checkpoint storage URI (default: ${DEFAULT-VALUE}).",
            defaultValue = "file:///tmp/switchboard/checkpoints")
    public String checkpointDir;

    @Option(
            names = "--rocksdb-local-dir",
            description = "RocksDB working directory (default: Flink's temp dirs).")
    public String rocksDbLocalDir;

    @Option(
            names = "--buffer-timeout",
            description =
                    "Network buffer flush timeout; 0 flushes every record (default: ${DEFAULT-VALUE}).",
            defaultValue = "0ms")
    public Duration bufferTimeout;

    @Option(
            names = "--producer-linger",
            description = "Kafka producers' linger.ms (default: ${DEFAULT-VALUE}).",
            defaultValue = "0ms")
    public Duration producerLinger;

    @Option(
            names = "--parallelism",
            description =
                    "Job parallelism; 0 uses the cluster default (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    public int parallelism;

    @Option(
            names = "--prometheus-port",
            description =
                    "Serve Flink's and Switchboard's metrics for Prometheus on this port in a local run; 0 = off (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    public int prometheusPort;

    @Option(
            names = "--max-text-bytes",
            description = "Largest message text accepted, UTF-8 bytes (default: ${DEFAULT-VALUE}).",
            defaultValue = "16384")
    public int maxTextBytes;

    @Option(
            names = "--policy",
            description =
                    "Escalation policy as a JSON file (default: the built-in policy; see docs/escalation.md).")
    public java.nio.file.Path policyFile;

    @Option(
            names = "--tenant-policy",
            description =
                    "A tenant's live or shadow escalation policy as a JSON file, as published on the policies topic; repeatable.")
    public java.util.List<java.nio.file.Path> tenantPolicyFiles = new java.util.ArrayList<>();

    @Option(
            names = "--sentiment-model",
            paramLabel = "FILE",
            description =
                    "Score with this sentiment model file (written by 'switchboard model train') instead of the shipped one; read at start and by every TaskManager from the same path.")
    public java.nio.file.Path sentimentModel;

    @Option(
            names = "--tenant-sentiment-model",
            paramLabel = "TENANT=FILE",
            description = "A tenant's own sentiment model file; repeatable.")
    public java.util.Map<String, java.nio.file.Path> tenantSentimentModels =
            new java.util.LinkedHashMap<>();

    @Option(
            names = "--trend-window",
            description =
                    "How many of the customer's latest scores the sentiment trend is fitted to (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    public int trendWindow;

    @Option(
            names = "--redact-dead-letters",
            description =
                    "Replace cards, IBANs, e-mails and phone numbers in dead-letter payloads (default: keep them whole, in a restricted topic).")
    public boolean redactDeadLetters;

    @Option(
            names = "--national-id-rules",
            paramLabel = "RULE,RULE",
            description =
                    "The built-in national-id rules to apply: all (default), none, or a list of us-ssn, uk-nino, es-dni, it-codice-fiscale, fr-nir, nl-bsn.",
            defaultValue = "all")
    public String nationalIdRules;

    @Option(
            names = "--customer-id-key-file",
            paramLabel = "FILE",
            description =
                    "Pseudonymise customer ids with the secret key in this file (at least 32 bytes): state and every output then hold per-tenant keyed pseudonyms instead of the platform's ids (docs/privacy.md).")
    public java.nio.file.Path customerIdKeyFile;

    @Option(
            names = "--national-id-pattern",
            description =
                    "A regular expression of a national id to redact, e.g. '\\b\\d{3}-\\d{2}-\\d{4}\\b' for a US SSN; repeatable.")
    public java.util.List<String> nationalIdPatterns = new java.util.ArrayList<>();

    @Option(
            names = "--tenant-national-id-pattern",
            paramLabel = "TENANT=REGEX",
            description =
                    "A national-id pattern to redact in one tenant's text only, e.g. acme-es='\\b\\d{8}[A-Z]\\b' (a Spanish DNI); repeatable.")
    public java.util.List<String> tenantNationalIdPatterns = new java.util.ArrayList<>();

    @Option(
            names = "--tenant-languages",
            paramLabel = "TENANT=LANG,LANG",
            description =
                    "The languages a tenant serves (ISO 639-1: en, es, fr, de, it, pt, nl); its messages without a language tag are detected among them, and only English ones get a sentiment. Default: English only. Repeatable.")
    public java.util.Map<String, String> tenantLanguages = new java.util.LinkedHashMap<>();

    @Option(
            names = "--ner-tenant",
            paramLabel = "TENANT",
            description =
                    "Also remove person names found by CoreNLP's NER from this tenant's escalation evidence (about 2 ms per excerpt; needs CoreNLP's models jar on the classpath); repeatable.")
    public java.util.List<String> nerTenants = new java.util.ArrayList<>();

    @Option(
            names = "--idle-timeout",
            description =
                    "Close a conversation after this much event time without records (default: ${DEFAULT-VALUE}).",
            defaultValue = "30min")
    public Duration idleTimeout;

    @Option(
            names = "--long-wait",
            description =
                    "A customer waiting this long (event time) for an agent's reply is a reason to escalate (default: ${DEFAULT-VALUE}).",
            defaultValue = "3min")
    public Duration longWait;

    @Option(
            names = "--state-ttl",
            description = "Processing-time TTL of keyed state (default: ${DEFAULT-VALUE}).",
            defaultValue = "24h")
    public Duration stateTtl;

    @Option(
            names = "--sentiment-smoothing",
            description =
                    "Weight of the newest customer message in the running sentiment (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.5")
    public double sentimentSmoothing;

    @Option(
            names = "--max-out-of-orderness",
            description = "Allowed event-time disorder (default: ${DEFAULT-VALUE}).",
            defaultValue = "5s")
    public Duration maxOutOfOrderness;

    @Option(
            names = "--source-idleness",
            description =
                    "An input with no record for this long is left out of the watermark (default: ${DEFAULT-VALUE}).",
            defaultValue = "30s")
    public Duration sourceIdleness;

    @Option(
            names = "--heartbeat-after",
            description =
                    "After this much quiet, event time follows the clock so timers fire; 0 = off (default: ${DEFAULT-VALUE}).",
            defaultValue = "10s")
    public Duration heartbeatAfter;

    /** The options as the command line leaves them when no flag is given. */
    public static JobOptions defaults() {
        JobOptions options = new JobOptions();
        withConverters(new CommandLine(options)).parseArgs();
        return options;
    }

    /** Durations are written as Flink writes them: 500ms, 5s, 30min, 24h. */
    public static CommandLine withConverters(CommandLine cli) {
        return cli.registerConverter(Duration.class, TimeUtils::parseDuration);
    }

    private java.util.Map<String, java.util.List<String>> tenantPatterns() {
        java.util.Map<String, java.util.List<String>> byTenant = new java.util.HashMap<>();
        for (String spec : tenantNationalIdPatterns) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException(
                        "--tenant-national-id-pattern must be TENANT=REGEX, was '" + spec + "'");
            }
            byTenant.computeIfAbsent(spec.substring(0, eq), t -> new java.util.ArrayList<>())
                    .add(spec.substring(eq + 1));
        }
        return byTenant;
    }

    /** picocli parses {@code TENANT=LANG,LANG}; the languages are split here. */
    private java.util.Map<String, java.util.Set<String>> languagesByTenant() {
        java.util.Map<String, java.util.Set<String>> byTenant = new java.util.HashMap<>();
        tenantLanguages.forEach(
                (tenant, list) -> {
                    java.util.Set<String> languages = new java.util.TreeSet<>();
                    for (String l : list.split(",")) {
                        languages.add(l.trim().toLowerCase(java.util.Locale.ROOT));
                    }
                    byTenant.put(tenant, languages);
                });
        return byTenant;
    }

    private PrivacySettings privacy() {
        dev.switchboard.models.privacy.CustomerPseudonyms pseudonyms = null;
        if (customerIdKeyFile != null) {
            try {
                pseudonyms =
                        dev.switchboard.models.privacy.CustomerPseudonyms.fromKeyFile(
                                customerIdKeyFile);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(
                        "--customer-id-key-file: cannot read "
                                + customerIdKeyFile
                                + ": "
                                + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--customer-id-key-file: " + e.getMessage());
            }
        }
        return new PrivacySettings(
                redactDeadLetters,
                PrivacySettings.rules(nationalIdRules),
                nationalIdPatterns,
                tenantPatterns(),
                new java.util.HashSet<>(nerTenants),
                pseudonyms);
    }

    public SwitchboardConfig toConfig() {
        if (!startFrom.equals("earliest") && !startFrom.equals("latest")) {
            throw new IllegalArgumentException(
                    "--start-from must be earliest or latest, was '" + startFrom + "'");
        }
        return new SwitchboardConfig(
                new KafkaSettings(
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
                                auditTopic),
                        groupId,
                        startFrom.equals("earliest"),
                        DeliveryMode.fromFlag(delivery),
                        transactionalIdPrefix,
                        producerLinger),
                new RuntimeSettings(
                        checkpointInterval,
                        checkpointDir,
                        rocksDbLocalDir,
                        bufferTimeout,
                        parallelism,
                        prometheusPort),
                new EventTimeSettings(maxOutOfOrderness, sourceIdleness, heartbeatAfter),
                new ScoringSettings(
                        maxTextBytes,
                        languagesByTenant(),
                        SentimentModels.of(sentimentModel, tenantSentimentModels)),
                new ConversationSettings(
                        idleTimeout, longWait, stateTtl, sentimentSmoothing, trendWindow),
                new EscalationSettings(
                        policyFile == null
                                ? EscalationPolicy.defaults()
                                : PolicyFile.read(policyFile),
                        PolicyFile.readTenants(tenantPolicyFiles)),
                privacy(),
                new RoutingSettings(
                        routingFile == null ? java.util.Map.of() : RoutingFile.read(routingFile),
                        intentMessages,
                        minIntentConfidence,
                        queueStaleAfter,
                        customerHistoryTtl,
                        historySize));
    }
}
