package dev.switchboard.operators.records.wire;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * Flink's POJO serializer for a record that now has a format, as the releases before the formats
 * had it (Flink's type extraction gives the format now): what the migration test restores from and
 * the benchmark compares with.
 */
public final class PojoSerializers {
    private PojoSerializers() {}

    public static <T> TypeSerializer<T> of(Class<T> type) {
        List<PojoField> fields = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(new PojoField(f, TypeInformation.of(f.getType())));
            }
        }
        return new PojoTypeInfo<>(type, fields).createSerializer(new SerializerConfigImpl());
    }
}
