package dev.switchboard.operators.kafka;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes one output record as a UTF-8 JSON object to a fixed topic, keyed so that one
 * conversation's outputs stay in one partition, in order.
 */
public class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    // Schubfach instead of Double.toString for the scores: the same numbers, written faster.
    private static final JsonFactory JSON =
            JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private final String topic;
    private final KeySelector<T, String> key;
    private final JsonWriter<T> writer;
    private transient ByteArrayBuilder buffer;

    public JsonRecordSerializer(String topic, KeySelector<T, String> key, JsonWriter<T> writer) {
        this.topic = topic;
        this.key = key;
        this.writer = writer;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        buffer = new ByteArrayBuilder(512);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T record, KafkaSinkContext context, Long timestamp) {
        try {
            String k = key.getKey(record);
            return new ProducerRecord<>(
                    topic,
                    null,
                    timestamp,
                    k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                    toJson(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot key a record for " + topic, e);
        }
    }

    /** One record as a JSON string, for files (the backtest's decisions). */
    public static <R> String toJsonString(R record, JsonWriter<R> writer) throws IOException {
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator j = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            j.writeStartObject();
            writer.write(record, j);
            j.writeEndObject();
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    byte[] toJson(T record) throws IOException {
        if (buffer == null) {
            buffer = new ByteArrayBuilder(512);
        }
        buffer.reset();
        try (JsonGenerator j = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
            j.writeStartObject();
            writer.write(record, j);
            j.writeEndObject();
        }
        return buffer.toByteArray();
    }
}
