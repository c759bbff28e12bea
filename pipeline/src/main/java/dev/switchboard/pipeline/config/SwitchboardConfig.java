package dev.switchboard.pipeline.config;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.operators.routing.RoutingSettings;

/**
 * The whole configuration of a Switchboard job, validated: built once from the command line by
 * {@link JobOptions} and handed to the wiring, which passes each function only the values it needs.
 * Each group validates its own values; this record checks those that span groups.
 *
 * @param kafka brokers, topics, consumer group and delivery guarantee
 * @param runtime checkpoints, state on disk, buffers, parallelism, metrics port
 * @param eventTime out-of-orderness, idle inputs and the heartbeat
 * @param scoring message size, tenants' languages and sentiment models
 * @param conversations timeouts, state TTL and the running sentiment
 * @param escalation the escalation policies
 * @param privacy redaction rules and customer-id pseudonyms
 * @param routing tenants' routing and the rules of routing and customer history
 */
public record SwitchboardConfig(
        KafkaSettings kafka,
        RuntimeSettings runtime,
        EventTimeSettings eventTime,
        ScoringSettings scoring,
        ConversationSettings conversations,
        EscalationSettings escalation,
        PrivacySettings privacy,
        RoutingSettings routing) {

    /** Checks the values of different groups against each other. */
    public SwitchboardConfig {
        require(
                routing.customerHistoryTtl().compareTo(conversations.idleTimeout()) > 0,
                "--customer-history-ttl must be longer than --idle-timeout");
    }

    /**
     * A copy with other topics, group, transactional ids and guarantee (tests give each run its
     * own).
     */
    public SwitchboardConfig withTopics(
            Topics other,
            String otherGroupId,
            String otherTransactionalIdPrefix,
            DeliveryMode otherDelivery) {
        return new SwitchboardConfig(
                kafka.withTopics(other, otherGroupId, otherTransactionalIdPrefix, otherDelivery),
                runtime,
                eventTime,
                scoring,
                conversations,
                escalation,
                privacy,
                routing);
    }

    /** A copy with another routing (tests). */
    public SwitchboardConfig withRouting(RoutingSettings other) {
        return new SwitchboardConfig(
                kafka, runtime, eventTime, scoring, conversations, escalation, privacy, other);
    }

    /** A copy with other meaning-tier bounds (tests). */
    public SwitchboardConfig withMeaning(
            dev.switchboard.operators.meaning.MeaningSettings meaning) {
        return new SwitchboardConfig(
                kafka,
                runtime,
                eventTime,
                new ScoringSettings(
                        scoring.maxTextBytes(),
                        scoring.tenantLanguages(),
                        scoring.sentimentModels(),
                        meaning),
                conversations,
                escalation,
                privacy,
                routing);
    }

    /** The redactors for every text that leaves the job, by tenant. */
    public TenantRedactors redactors() {
        return privacy.redactors();
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
