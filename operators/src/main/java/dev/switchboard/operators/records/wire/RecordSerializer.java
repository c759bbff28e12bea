package dev.switchboard.operators.records.wire;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer that writes a record through its {@link RecordFormat}: plain field reads and
 * writes, where Flink's POJO serializer builds every record by reflection, filling each field with
 * a default instance (nested records included) before reading the bytes over it. For the records
 * that cross the network once or twice per message (docs/performance.md has the profile).
 *
 * <p>Each instance keeps scratch buffers for strings, so {@link #duplicate()} returns a new one, as
 * Flink expects of a serializer with state. A serializer restored from a savepoint of an earlier
 * layout only reads; Flink writes with the current one.
 */
public final class RecordSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final RecordFormat<T> format;
    private final Decoding decoding;
    private final boolean current;
    private final RecordOutput output = new RecordOutput();
    private final RecordInput input;

    public RecordSerializer(RecordFormat<T> format) {
        this(format, Decoding.current(format));
    }

    RecordSerializer(RecordFormat<T> format, Decoding decoding) {
        this.format = format;
        this.decoding = decoding;
        this.current = decoding.sameAs(Decoding.current(format));
        this.input = new RecordInput(decoding);
    }

    RecordFormat<T> format() {
        return format;
    }

    Decoding decoding() {
        return decoding;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new RecordSerializer<>(format, decoding);
    }

    @Override
    public T createInstance() {
        try {
            return format.type().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(format.type() + " has no public constructor", e);
        }
    }

    /** A deep copy, through the bytes: copies are rare here (object reuse is on). */
    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copying " + format.type().getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        if (!current) {
            throw new IllegalStateException(
                    "a serializer of an earlier layout of "
                            + format.type().getSimpleName()
                            + " only reads");
        }
        if (record == null) {
            target.writeBoolean(false);
            return;
        }
        target.writeBoolean(true);
        output.target(target);
        format.write(record, output);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        if (!source.readBoolean()) {
            return null;
        }
        input.source(source);
        return format.read(input);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordSerializer<?> other
                && other.format.getClass() == format.getClass()
                && other.decoding.sameAs(decoding);
    }

    @Override
    public int hashCode() {
        return format.getClass().hashCode() * 31 + decoding.version();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new RecordSerializerSnapshot<>(format, decoding);
    }
}
