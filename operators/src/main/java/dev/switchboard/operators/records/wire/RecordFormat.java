package dev.switchboard.operators.records.wire;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * How one record class is written field by field, for {@link RecordSerializer}. Each format lists
 * every field of its class, nested records included; {@code WireFormatsTest} fills every field
 * reflectively and fails when one is left out, so a field added to the class cannot be lost.
 *
 * <p>Evolution: a format that changes what it writes raises {@link #version()} and keeps reading
 * the versions before it ({@code read} is given the version the bytes were written with), because
 * the records also sit in operator state (Flink's in-flight queue of the async step, the control
 * broadcast) across a savepoint. Enum constants are written by position; the serializer's snapshot
 * keeps the constants' names, so reordering or adding constants between releases is safe.
 */
public abstract class RecordFormat<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final int version;
    private final List<Class<? extends Enum<?>>> enums;

    /**
     * @param type the record class
     * @param version the version of the layout {@link #write} produces
     * @param enums the enum classes the format writes, by position: {@link RecordInput#constant}
     *     takes the index into this list
     */
    protected RecordFormat(Class<T> type, int version, List<Class<? extends Enum<?>>> enums) {
        this.type = type;
        this.version = version;
        this.enums = List.copyOf(enums);
    }

    public final Class<T> type() {
        return type;
    }

    public final int version() {
        return version;
    }

    public final List<Class<? extends Enum<?>>> enums() {
        return enums;
    }

    public abstract void write(T record, RecordOutput out) throws IOException;

    /** Reads a record written by this format at {@code in.version()}. */
    public abstract T read(RecordInput in) throws IOException;
}
