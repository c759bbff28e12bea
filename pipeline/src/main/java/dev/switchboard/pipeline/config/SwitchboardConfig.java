package dev.switchboard.pipeline.config;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.operators.conversation.TrackConversation;
import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.escalation.TenantPolicies;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.operators.score.SentimentModels;
import java.time.Duration;
import java.util.Map;

/**
 * The whole configuration of a Switchboard job, validated: built once from the command line by
 * {@link JobOptions} and handed to the wiring, which passes each function only the values it needs.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics topic names
 * @param groupId consumer group of the messages source
 * @param startFromEarliest read the messages topic from the start when the group has no offsets
 * @param delivery at-least-once or exactly-once
 * @param transactionalIdPrefix prefix of the Kafka transactional ids (exactly-once); unique per job
 * @param checkpointInterval how often state and source offsets are checkpointed (and, in
 *     exactly-once mode, how often outputs become visible)
 * @param checkpointDir checkpoint storage URI (file://, s3://, ...)
 * @param rocksDbLocalDir RocksDB working directory on local disk, or null for Flink's default
 * @param bufferTimeout longest a record waits in a network buffer before it is flushed
 * @param producerLinger the Kafka producers' linger.ms
 * @param parallelism job parallelism, or 0 for the environment's default
 * @param prometheusPort port of the Prometheus metrics endpoint of a local run, or 0 for none
 * @param maxTextBytes largest message text accepted, in UTF-8 bytes
 * @param privacy redaction rules and customer-id pseudonyms
 * @param tenantLanguages the languages of tenants that serve more than English; their untagged
 *     messages are language-detected
 * @param idleTimeout event time without records after which a conversation is closed
 * @param longWait event time a customer may wait for an agent's reply before it is a reason to
 *     escalate
 * @param stateTtl processing-time TTL of every keyed state, the safety net behind the idle timeout
 * @param sentimentSmoothing weight of the newest customer message in the running sentiment
 * @param maxOutOfOrderness how late (event time) a record may arrive and still count as on time
 * @param sourceIdleness how long an input without any record is left out of the watermark
 * @param heartbeatAfter wall time of quiet after which event time advances with the clock; 0 = off
 * @param trendWindow how many of the customer's latest scores the sentiment trend is fitted to
 * @param policy the escalation policy of every tenant without its own
 * @param tenantPolicies tenants' own live and shadow policies, by tenant (the policies topic
 *     overrides them)
 * @param routing tenants' routing and the rules of routing and customer history
 * @param sentimentModels the sentiment model of each tenant (files checked when this was built)
 */
public record SwitchboardConfig(
        String bootstrapServers,
        Topics topics,
        String groupId,
        boolean startFromEarliest,
        DeliveryMode delivery,
        String transactionalIdPrefix,
        Duration checkpointInterval,
        String checkpointDir,
        String rocksDbLocalDir,
        Duration bufferTimeout,
        Duration producerLinger,
        int parallelism,
        int prometheusPort,
        int maxTextBytes,
        PrivacySettings privacy,
        Map<String, java.util.Set<String>> tenantLanguages,
        Duration idleTimeout,
        Duration longWait,
        Duration stateTtl,
        double sentimentSmoothing,
        Duration maxOutOfOrderness,
        Duration sourceIdleness,
        Duration heartbeatAfter,
        int trendWindow,
        EscalationPolicy policy,
        Map<String, TenantPolicies> tenantPolicies,
        RoutingSettings routing,
        SentimentModels sentimentModels) {

    /** Checks the values against each other; the message names the option at fault. */
    public SwitchboardConfig {
        require(checkpointInterval.toMillis() >= 10, "--checkpoint-interval must be at least 10ms");
        require(!bufferTimeout.isNegative(), "--buffer-timeout must not be negative");
        require(!producerLinger.isNegative(), "--producer-linger must not be negative");
        require(parallelism >= 0, "--parallelism must be 0 (default) or positive");
        require(
                prometheusPort >= 0 && prometheusPort <= 65535,
                "--prometheus-port must be 0 (off) or a port");
        require(maxTextBytes >= 1, "--max-text-bytes must be positive");
        require(idleTimeout.toMillis() >= 1000, "--idle-timeout must be at least 1s");
        require(
                stateTtl.compareTo(idleTimeout) > 0,
                "--state-ttl must be longer than --idle-timeout");
        require(longWait.toMillis() >= 1000, "--long-wait must be at least 1s");
        require(
                sentimentSmoothing > 0 && sentimentSmoothing <= 1,
                "--sentiment-smoothing must be in (0, 1]");
        require(!maxOutOfOrderness.isNegative(), "--max-out-of-orderness must not be negative");
        require(
                !sourceIdleness.isNegative() && !sourceIdleness.isZero(),
                "--source-idleness must be positive");
        require(!heartbeatAfter.isNegative(), "--heartbeat-after must not be negative");
        require(!groupId.isBlank(), "--group-id must not be empty");
        require(!transactionalIdPrefix.isBlank(), "--transactional-id-prefix must not be empty");
        require(
                routing.customerHistoryTtl().compareTo(idleTimeout) > 0,
                "--customer-history-ttl must be longer than --idle-timeout");
        require(
                trendWindow >= TrackConversation.MIN_TREND_POINTS && trendWindow <= 64,
                "--trend-window must be in [3, 64]");
        tenantPolicies = Map.copyOf(tenantPolicies);
        tenantLanguages = Map.copyOf(tenantLanguages);
        for (java.util.Set<String> languages : tenantLanguages.values()) {
            try {
                dev.switchboard.models.language.LanguageDetection.requireSupported(languages);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tenant-languages: " + e.getMessage());
            }
        }
    }

    /** A copy with other topics (tests give each run its own). */
    public SwitchboardConfig withTopics(
            Topics other,
            String otherGroupId,
            String otherTransactionalIdPrefix,
            DeliveryMode otherDelivery) {
        return new SwitchboardConfig(
                bootstrapServers,
                other,
                otherGroupId,
                startFromEarliest,
                otherDelivery,
                otherTransactionalIdPrefix,
                checkpointInterval,
                checkpointDir,
                rocksDbLocalDir,
                bufferTimeout,
                producerLinger,
                parallelism,
                prometheusPort,
                maxTextBytes,
                privacy,
                tenantLanguages,
                idleTimeout,
                longWait,
                stateTtl,
                sentimentSmoothing,
                maxOutOfOrderness,
                sourceIdleness,
                heartbeatAfter,
                trendWindow,
                policy,
                tenantPolicies,
                routing,
                sentimentModels);
    }

    /** A copy with another routing (tests). */
    public SwitchboardConfig withRouting(RoutingSettings other) {
        return new SwitchboardConfig(
                bootstrapServers,
                topics,
                groupId,
                startFromEarliest,
                delivery,
                transactionalIdPrefix,
                checkpointInterval,
                checkpointDir,
                rocksDbLocalDir,
                bufferTimeout,
                producerLinger,
                parallelism,
                prometheusPort,
                maxTextBytes,
                privacy,
                tenantLanguages,
                idleTimeout,
                longWait,
                stateTtl,
                sentimentSmoothing,
                maxOutOfOrderness,
                sourceIdleness,
                heartbeatAfter,
                trendWindow,
                policy,
                tenantPolicies,
                other,
                sentimentModels);
    }

    /** The redactors for every text that leaves the job, by tenant. */
    public TenantRedactors redactors() {
        return privacy.redactors();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
