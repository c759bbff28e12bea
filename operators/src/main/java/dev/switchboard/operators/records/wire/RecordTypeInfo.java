package dev.switchboard.operators.records.wire;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type information of a record written by a {@link RecordFormat}: one opaque field. */
public final class RecordTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final RecordFormat<T> format;

    /**
     * The factory a record class names in {@code @TypeInfo}, so that Flink's type extraction finds
     * its format wherever the class appears.
     */
    public abstract static class Factory<T> extends TypeInfoFactory<T> {
        private final RecordFormat<T> format;

        protected Factory(RecordFormat<T> format) {
            this.format = format;
        }

        @Override
        public TypeInformation<T> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new RecordTypeInfo<>(format);
        }
    }

    public RecordTypeInfo(RecordFormat<T> format) {
        this.format = format;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return format.type();
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new RecordSerializer<>(format);
    }

    @Override
    public String toString() {
        return "Record<" + format.type().getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordTypeInfo<?> other && other.format.getClass() == format.getClass();
    }

    @Override
    public int hashCode() {
        return format.getClass().hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof RecordTypeInfo;
    }
}
