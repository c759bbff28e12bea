package dev.switchboard.pipeline;

import dev.switchboard.operators.kafka.JsonRecordSerializer;
import dev.switchboard.operators.kafka.JsonWriter;
import dev.switchboard.operators.kafka.OutputJson;
import dev.switchboard.operators.kafka.RawRecordDeserializer;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import dev.switchboard.pipeline.config.Topics;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Builds the Kafka source and sinks from a {@link SwitchboardConfig} and runs the {@link Workflow}
 * between them. Used by {@code switchboard run} (local or submitted to a cluster) and the demo.
 */
public final class SwitchboardJob {
    public static final String JOB_NAME = "Switchboard";

    private SwitchboardJob() {}

    /** Starts the job on {@code env} and returns at once. */
    public static JobClient start(
            StreamExecutionEnvironment env, SwitchboardConfig config, OffsetsInitializer stopAt)
            throws Exception {
        define(env, config, stopAt);
        return env.executeAsync(JOB_NAME);
    }

    /**
     * Wires source, workflow and sinks onto {@code env}.
     *
     * @param stopAt where a bounded run stops (tests, backtests), or null to run unbounded
     */
    public static void define(
            StreamExecutionEnvironment env, SwitchboardConfig config, OffsetsInitializer stopAt) {
        Workflow.define(
                new Workflow.Inputs(
                        kafka(env, config, KafkaInput.MESSAGES, stopAt),
                        kafka(env, config, KafkaInput.CONTROL, stopAt),
                        kafka(env, config, KafkaInput.POLICIES, stopAt),
                        kafka(env, config, KafkaInput.QUEUE_STATUS, stopAt)),
                config,
                kafkaOutputs(config));
    }

    /** The job's input topics, each read as raw records from its own source. */
    public enum KafkaInput {
        /** The messages topic; watermarks come later, after parsing, where event time is known. */
        MESSAGES("Kafka messages", OperatorIds.MESSAGES_SOURCE, false),
        /** The control topic: erase requests. */
        CONTROL("Kafka control", OperatorIds.CONTROL_SOURCE, false),
        /**
         * The policies topic, always read from the start when the group has no offsets: a policy
         * published before the job first started must still apply. Keep the topic compacted, keyed
         * by tenant and mode, so the start stays short.
         */
        POLICIES("Kafka policies", OperatorIds.POLICIES_SOURCE, true),
        /**
         * The queue-status topic, read from the start when the group has no offsets so that the
         * queues' latest status is known at once (keep it compacted, keyed by tenant/queue);
         * statuses older than {@code --queue-stale-after} count for nothing anyway.
         */
        QUEUE_STATUS("Kafka queue status", OperatorIds.QUEUE_STATUS_SOURCE, true);

        private final String label;
        private final String uid;
        private final boolean alwaysFromEarliest;

        KafkaInput(String label, String uid, boolean alwaysFromEarliest) {
            this.label = label;
            this.uid = uid;
            this.alwaysFromEarliest = alwaysFromEarliest;
        }

        String topic(SwitchboardConfig config) {
            return switch (this) {
                case MESSAGES -> config.kafka().topics().messages();
                case CONTROL -> config.kafka().topics().control();
                case POLICIES -> config.kafka().topics().policies();
                case QUEUE_STATUS -> config.kafka().topics().queueStatus();
            };
        }
    }

    /**
     * One input topic as raw records.
     *
     * @param stopAt where a bounded run stops, or null to run unbounded
     */
    public static DataStream<RawRecord> kafka(
            StreamExecutionEnvironment env,
            SwitchboardConfig config,
            KafkaInput input,
            OffsetsInitializer stopAt) {
        boolean fromEarliest = input.alwaysFromEarliest || config.kafka().startFromEarliest();
        return env.fromSource(
                        source(config, input.topic(config), stopAt, fromEarliest),
                        WatermarkStrategy.noWatermarks(),
                        input.label)
                .uid(input.uid);
    }

    private static KafkaSource<RawRecord> source(
            SwitchboardConfig config,
            String topic,
            OffsetsInitializer stopAt,
            boolean fromEarliest) {
        var source =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setTopics(topic)
                        .setGroupId(config.kafka().groupId())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(
                                        fromEarliest
                                                ? OffsetResetStrategy.EARLIEST
                                                : OffsetResetStrategy.LATEST))
                        .setDeserializer(new RawRecordDeserializer())
                        .setProperty(
                                "partition.discovery.interval.ms",
                                Long.toString(config.kafka().partitionDiscovery().toMillis()));
        if (stopAt != null) {
            source.setBounded(stopAt);
        }
        return source.build();
    }

    /**
     * One Kafka sink per output topic, keyed by conversation (dead letters by source partition).
     */
    public static Workflow.Outputs kafkaOutputs(SwitchboardConfig config) {
        Topics topics = config.kafka().topics();
        return new Workflow.Outputs(
                s ->
                        toKafka(
                                config,
                                s,
                                topics.scores(),
                                ScoredMessage::conversationKey,
                                OutputJson::score,
                                OperatorIds.SCORES_SINK,
                                "scores",
                                "Kafka scores"),
                s ->
                        toKafka(
                                config,
                                s,
                                topics.escalations(),
                                SwitchboardJob::key,
                                OutputJson::escalation,
                                OperatorIds.ESCALATIONS_SINK,
                                "escalations",
                                "Kafka escalations"),
                s ->
                        toKafka(
                                config,
                                s,
                                topics.shadowEscalations(),
                                SwitchboardJob::key,
                                OutputJson::escalation,
                                OperatorIds.SHADOW_ESCALATIONS_SINK,
                                "shadow-escalations",
                                "Kafka shadow escalations"),
                s ->
                        toKafka(
                                config,
                                s,
                                topics.conversations(),
                                SwitchboardJob::key,
                                OutputJson::summary,
                                OperatorIds.SUMMARIES_SINK,
                                "conversations",
                                "Kafka conversation summaries"),
                s ->
                        toKafka(
                                config,
                                s,
                                topics.deadLetters(),
                                d -> d.sourceTopic + "/" + d.sourcePartition,
                                OutputJson::deadLetter,
                                OperatorIds.DEAD_LETTERS_SINK,
                                "deadletters",
                                "Kafka dead letters"),
                s ->
                        toKafka(
                                config,
                                s,
                                topics.audit(),
                                r -> r.tenant + "/" + r.customerId,
                                OutputJson::erasureReceipt,
                                OperatorIds.AUDIT_SINK,
                                "audit",
                                "Kafka audit"),
                s ->
                        toKafka(
                                config,
                                s,
                                topics.routing(),
                                r -> r.tenant + "/" + r.conversationId,
                                OutputJson::routing,
                                OperatorIds.ROUTING_SINK,
                                "routing",
                                "Kafka routing"),
                s ->
                        toKafka(
                                config,
                                s,
                                topics.insights(),
                                i -> i.tenant + "/" + i.episodeId,
                                OutputJson::insight,
                                OperatorIds.INSIGHTS_SINK,
                                "insights",
                                "Kafka insights"));
    }

    /**
     * Writes {@code stream} to {@code topic} as JSON, keyed by {@code key}; {@code name} makes the
     * sink's transactional ids unique within the job (never change one: a restore aborts the
     * transactions left open under it), {@code label} names it in the web UI and metrics.
     */
    private static <T> void toKafka(
            SwitchboardConfig config,
            DataStream<T> stream,
            String topic,
            KeySelector<T, String> key,
            JsonWriter<T> writer,
            String uid,
            String name,
            String label) {
        stream.sinkTo(sink(config, name, new JsonRecordSerializer<>(topic, key, writer)))
                .uid(uid)
                .name(label);
    }

    private static String key(EscalationDecision d) {
        return d.tenant + "/" + d.conversationId;
    }

    private static String key(ConversationSummary s) {
        return s.tenant + "/" + s.conversationId;
    }

    /**
     * A Kafka sink with the job's producer settings (linger, delivery guarantee, transactions);
     * {@code name} makes its transactional ids unique within the job.
     */
    public static <T> KafkaSink<T> sink(
            SwitchboardConfig config, String name, KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = new Properties();
        producer.setProperty(
                "linger.ms", Long.toString(config.kafka().producerLinger().toMillis()));
        if (config.kafka().delivery() == DeliveryMode.EXACTLY_ONCE) {
            // Must stay below the broker's transaction.max.timeout.ms (15 min by default).
            producer.setProperty(
                    "transaction.timeout.ms",
                    Long.toString(config.kafka().transactionTimeout().toMillis()));
        }
        var builder =
                KafkaSink.<T>builder()
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setKafkaProducerConfig(producer)
                        .setRecordSerializer(serializer)
                        .setDeliveryGuarantee(config.kafka().delivery().guarantee());
        if (config.kafka().delivery() == DeliveryMode.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(config.kafka().transactionalIdPrefix() + "-" + name);
        }
        return builder.build();
    }
}
