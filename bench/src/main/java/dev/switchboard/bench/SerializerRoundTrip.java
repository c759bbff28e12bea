package dev.switchboard.bench;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A value written by a Flink serializer and read back, as one network hop or one keyed-state write
 * and read does, over buffers kept between calls. One per benchmark thread.
 */
final class SerializerRoundTrip {
    private final DataOutputSerializer out = new DataOutputSerializer(1024);
    private final DataInputDeserializer in = new DataInputDeserializer();

    <T> T of(TypeSerializer<T> serializer, T value) throws IOException {
        out.clear();
        serializer.serialize(value, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
