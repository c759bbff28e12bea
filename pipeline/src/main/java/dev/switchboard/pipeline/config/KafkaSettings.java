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
 */
public record KafkaSettings(
        String bootstrapServers,
        Topics topics,
        String groupId,
        boolean startFromEarliest,
        DeliveryMode delivery,
        String transactionalIdPrefix,
        Duration producerLinger) {
    public KafkaSettings {
        SwitchboardConfig.require(!groupId.isBlank(), "--group-id must not be empty");
        SwitchboardConfig.require(
                !transactionalIdPrefix.isBlank(), "--transactional-id-prefix must not be empty");
        SwitchboardConfig.require(
                !producerLinger.isNegative(), "--producer-linger must not be negative");
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
                producerLinger);
    }
}
