package dev.switchboard.pipeline.config;

import java.time.Duration;

/**
 * Where the job reads and writes, and with which guarantee.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics topic names
 * @param groupId consumer group of the messages source
 * @param startFromEarliest read the messages topic from the start when the group has no offsets
 * @param delivery at-least-once or exactly-once
 * @param transactionalIdPrefix prefix of the Kafka transactional ids (exactly-once); unique per job
 * @param producerLinger the Kafka producers' linger.ms
 * @param partitionDiscovery how often the sources look for new partitions of their topics
 * @param transactionTimeout the producers' transaction.timeout.ms (exactly-once): must stay below
 *     the brokers' transaction.max.timeout.ms, and above the longest outage a restart may take
 */
public record KafkaSettings(
        String bootstrapServers,
        Topics topics,
        String groupId,
        boolean startFromEarliest,
        DeliveryMode delivery,
        String transactionalIdPrefix,
        Duration producerLinger,
        Duration partitionDiscovery,
        Duration transactionTimeout) {
    public KafkaSettings {
        SwitchboardConfig.require(!groupId.isBlank(), "--group-id must not be empty");
        SwitchboardConfig.require(
                !transactionalIdPrefix.isBlank(), "--transactional-id-prefix must not be empty");
        SwitchboardConfig.require(
                !producerLinger.isNegative(), "--producer-linger must not be negative");
        SwitchboardConfig.require(
                partitionDiscovery.toMillis() > 0,
                "--partition-discovery-interval must be positive");
        SwitchboardConfig.require(
                transactionTimeout.toMillis() > 0, "--transaction-timeout must be positive");
    }

    /** The same brokers with other topics, group, transactional ids and guarantee (tests). */
    public KafkaSettings withTopics(
            Topics other,
            String otherGroupId,
            String otherTransactionalIdPrefix,
            DeliveryMode otherDelivery) {
        return new KafkaSettings(
                bootstrapServers,
                other,
                otherGroupId,
                startFromEarliest,
                otherDelivery,
                otherTransactionalIdPrefix,
                producerLinger,
                partitionDiscovery,
                transactionTimeout);
    }
}
