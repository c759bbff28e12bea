package dev.switchboard.bench.endtoend;

import dev.switchboard.operators.parse.ContractParser;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.pipeline.SwitchboardJob;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The cost floor of any job on this stack: the same Kafka source, contract parsing and Kafka sink
 * settings as Switchboard, and nothing else. Each valid record is written unchanged to {@code
 * outputTopic}, keyed by its conversation.
 */
final class PassthroughJob {
    private PassthroughJob() {}

    static void define(
            StreamExecutionEnvironment env, SwitchboardConfig config, String outputTopic) {
        SwitchboardJob.kafka(env, config, SwitchboardJob.KafkaInput.MESSAGES, null)
                .process(new ParseAndPass(config.scoring().maxTextBytes()))
                .uid("passthrough-parse")
                .name("Parse and pass")
                .sinkTo(SwitchboardJob.sink(config, "passthrough", new Serializer(outputTopic)))
                .uid("passthrough-sink")
                .name("Kafka passthrough");
    }

    /** A record's conversation key and its original bytes. */
    public static class Passed {
        public String key;
        public byte[] value;

        public Passed() {}
    }

    /**
     * Parses like the real job (so the floor includes parsing) and passes the original bytes on.
     */
    static class ParseAndPass extends ProcessFunction<RawRecord, Passed> {
        private final int maxTextBytes;
        private transient ContractParser parser;

        ParseAndPass(int maxTextBytes) {
            this.maxTextBytes = maxTextBytes;
        }

        @Override
        public void open(OpenContext openContext) {
            parser = new ContractParser(maxTextBytes, ContractParser.MESSAGES_TOPIC);
        }

        @Override
        public void processElement(RawRecord raw, Context ctx, Collector<Passed> out) {
            try {
                ConversationEvent e = parser.parse(raw.value);
                Passed p = new Passed();
                p.key = e.tenant + "/" + e.conversationId;
                p.value = raw.value;
                out.collect(p);
            } catch (ContractParser.Rejection rejected) {
                // The generator sends only valid records; nothing to pass.
            }
        }
    }

    static class Serializer implements KafkaRecordSerializationSchema<Passed> {
        private final String topic;

        Serializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Passed p, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, p.key.getBytes(StandardCharsets.UTF_8), p.value);
        }
    }
}
