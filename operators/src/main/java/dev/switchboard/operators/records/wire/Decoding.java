package dev.switchboard.operators.records.wire;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading a record needs to know about the release that wrote it: the format's version and,
 * for each of its enums, the constants in the order that release declared them.
 */
public final class Decoding implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int version;
    private final Enum<?>[][] constants;

    private Decoding(int version, Enum<?>[][] constants) {
        this.version = version;
        this.constants = constants;
    }

    /** Bytes written by this release's {@code format}. */
    static Decoding current(RecordFormat<?> format) {
        List<List<String>> names = new ArrayList<>();
        for (Class<? extends Enum<?>> type : format.enums()) {
            names.add(constantNames(type));
        }
        return of(format, format.version(), names);
    }

    /**
     * Bytes written at {@code version} by a release whose enums had the constants {@code names} (in
     * the order of {@code format.enums()}).
     *
     * @throws IllegalStateException when a constant of that release no longer exists
     */
    static Decoding of(RecordFormat<?> format, int version, List<List<String>> names) {
        List<Class<? extends Enum<?>>> types = format.enums();
        if (names.size() != types.size()) {
            throw new IllegalStateException(
                    format.type().getName()
                            + " was written with "
                            + names.size()
                            + " enum types, this release reads "
                            + types.size());
        }
        Enum<?>[][] constants = new Enum<?>[types.size()][];
        for (int i = 0; i < types.size(); i++) {
            Enum<?>[] now = types.get(i).getEnumConstants();
            List<String> then = names.get(i);
            constants[i] = new Enum<?>[then.size()];
            for (int p = 0; p < then.size(); p++) {
                constants[i][p] = byName(now, then.get(p), types.get(i));
            }
        }
        return new Decoding(version, constants);
    }

    private static Enum<?> byName(Enum<?>[] constants, String name, Class<?> type) {
        for (Enum<?> c : constants) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException(
                type.getName() + "." + name + " was written by an earlier release and is gone");
    }

    static List<String> constantNames(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> c : type.getEnumConstants()) {
            names.add(c.name());
        }
        return names;
    }

    /** The version of the format that wrote the bytes. */
    public int version() {
        return version;
    }

    /**
     * The constant written as {@code b} by {@link RecordOutput#writeConstant} of the format's enum
     * number {@code enumIndex}.
     */
    @SuppressWarnings("unchecked")
    <E extends Enum<E>> E constant(int enumIndex, int b) throws IOException {
        if (b == 0) {
            return null;
        }
        Enum<?>[] table = constants[enumIndex];
        if (b > table.length) {
            throw new IOException(
                    "enum constant " + (b - 1) + " of " + table.length + " at index " + enumIndex);
        }
        return (E) table[b - 1];
    }

    /** The constants' names, per enum, as they were when the bytes were written. */
    List<List<String>> names() {
        List<List<String>> names = new ArrayList<>();
        for (Enum<?>[] table : constants) {
            List<String> n = new ArrayList<>();
            for (Enum<?> c : table) {
                n.add(c.name());
            }
            names.add(n);
        }
        return names;
    }

    boolean sameAs(Decoding other) {
        return version == other.version && names().equals(other.names());
    }
}
