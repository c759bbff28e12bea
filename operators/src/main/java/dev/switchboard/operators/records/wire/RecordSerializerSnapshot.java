package dev.switchboard.operators.records.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a savepoint keeps of a {@link RecordSerializer}: the format's class, the layout's version
 * and the enums' constants by name. A restore of the same layout reads as is; an earlier layout (or
 * the POJO serializer these records had before they had formats) is read with the serializer of the
 * release that wrote it and written again with this one, which Flink does for operator state, where
 * these records sit (the async step's queue, the control broadcast).
 */
public final class RecordSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int SNAPSHOT_VERSION = 1;

    private RecordFormat<T> format;
    private Decoding decoding;

    /** For Flink, which creates the snapshot and then reads it. */
    public RecordSerializerSnapshot() {}

    RecordSerializerSnapshot(RecordFormat<T> format, Decoding decoding) {
        this.format = format;
        this.decoding = decoding;
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(format.getClass().getName());
        out.writeInt(decoding.version());
        List<List<String>> names = decoding.names();
        out.writeInt(names.size());
        for (List<String> constants : names) {
            out.writeInt(constants.size());
            for (String name : constants) {
                out.writeUTF(name);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
            throws IOException {
        if (readVersion != SNAPSHOT_VERSION) {
            throw new IOException("unknown snapshot version " + readVersion);
        }
        String formatClass = in.readUTF();
        try {
            format =
                    (RecordFormat<T>)
                            Class.forName(formatClass, true, classLoader)
                                    .getDeclaredConstructor()
                                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot create the record format " + formatClass, e);
        }
        int version = in.readInt();
        int enums = in.readInt();
        List<List<String>> names = new ArrayList<>();
        for (int i = 0; i < enums; i++) {
            int n = in.readInt();
            List<String> constants = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                constants.add(in.readUTF());
            }
            names.add(constants);
        }
        decoding = Decoding.of(format, version, names);
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return new RecordSerializer<>(format, decoding);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot instanceof RecordSerializerSnapshot<T> old
                && old.format.getClass() == format.getClass()) {
            if (old.decoding.sameAs(decoding)) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return old.decoding.version() <= decoding.version()
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
        if (oldSnapshot instanceof PojoSerializerSnapshot<T> pojo
                && format.type().isInstance(pojo.restoreSerializer().createInstance())) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
