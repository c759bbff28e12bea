package dev.switchboard.operators.records.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.Sentiment;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * The wire formats carry every field of their records, keep nulls apart from defaults, are what
 * Flink uses for those records, and take over state written by the POJO serializer or by an earlier
 * release's enums.
 */
class WireFormatsTest {
    /** The records whose fields the formats write, nested ones included. */
    private static final Set<Class<?>> RECORDS =
            Set.of(
                    ConversationEvent.class,
                    Sentiment.class,
                    CustomerEvent.class,
                    ConversationUpdate.class,
                    ConversationClosed.class);

    @Test
    void everyFieldOfAnEventSurvivesTheWire() throws Exception {
        for (boolean pattern : new boolean[] {true, false}) {
            ConversationEvent e = filled(ConversationEvent.class, pattern);
            assertSameFields(e, roundTrip(new ConversationEventFormat(), e), "event");
        }
    }

    @Test
    void everyFieldOfACustomerEventSurvivesTheWire() throws Exception {
        for (boolean pattern : new boolean[] {true, false}) {
            CustomerEvent e = filled(CustomerEvent.class, pattern);
            assertSameFields(e, roundTrip(new CustomerEventFormat(), e), "customer event");
        }
    }

    @Test
    void nullsAndDefaultsStayAsTheyWere() throws Exception {
        ConversationEvent bare = new ConversationEvent();
        assertSameFields(bare, roundTrip(new ConversationEventFormat(), bare), "event");
        CustomerEvent parts = new CustomerEvent();
        parts.update = new ConversationUpdate(); // its escalationRequest starts at NONE
        parts.update.escalationRequest = null;
        parts.closed = new ConversationClosed();
        parts.erase = new ConversationEvent();
        CustomerEvent back = roundTrip(new CustomerEventFormat(), parts);
        assertSameFields(parts, back, "customer event");
        assertNull(back.update.escalationRequest);
        assertNull(roundTrip(new CustomerEventFormat(), null));
    }

    @Test
    void stringsOfAnyLengthAndAlphabetSurvive() throws Exception {
        RecordSerializer<ConversationEvent> serializer =
                new RecordSerializer<>(new ConversationEventFormat());
        for (String text :
                List.of(
                        "",
                        "plain ascii",
                        "¿Dónde está mi reembolso? 😡",
                        "x".repeat(70_000),
                        "é".repeat(300) + "a")) {
            ConversationEvent e = new ConversationEvent();
            e.text = text;
            e.tenant = text.isEmpty() ? null : "t";
            ConversationEvent back =
                    serializer.deserialize(new DataInputDeserializer(bytes(serializer, e)));
            assertEquals(text, back.text);
            assertEquals(e.tenant, back.tenant);
        }
    }

    @Test
    void aSerializerShippedToATaskAndItsDuplicatesWork() throws Exception {
        TypeSerializer<CustomerEvent> shipped =
                InstantiationUtil.clone(new RecordSerializer<>(new CustomerEventFormat()));
        TypeSerializer<CustomerEvent> duplicate = shipped.duplicate();
        assertNotSame(shipped, duplicate);
        assertEquals(shipped, duplicate);
        CustomerEvent e = filled(CustomerEvent.class, true);
        assertSameFields(
                e,
                duplicate.deserialize(new DataInputDeserializer(bytes(shipped, e))),
                "customer event");
        assertSameFields(e, shipped.copy(e), "copy");
    }

    @Test
    void flinkUsesTheFormats() {
        for (Class<?> type : List.of(ConversationEvent.class, CustomerEvent.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertInstanceOf(RecordTypeInfo.class, info, type.getSimpleName());
            assertInstanceOf(
                    RecordSerializer.class,
                    info.createSerializer(new SerializerConfigImpl()),
                    type.getSimpleName());
        }
    }

    @Test
    void aSavepointOfTheSameReleaseRestoresAsIs() throws Exception {
        RecordSerializer<ConversationEvent> serializer =
                new RecordSerializer<>(new ConversationEventFormat());
        TypeSerializerSnapshot<ConversationEvent> read =
                throughBytes(serializer.snapshotConfiguration());
        assertTrue(
                serializer
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(read)
                        .isCompatibleAsIs());
        assertEquals(serializer, read.restoreSerializer());
    }

    @Test
    void statesWrittenByThePojoSerializerAreMigrated() throws Exception {
        TypeSerializerSnapshot<ConversationEvent> pojo =
                throughBytes(PojoSerializers.of(ConversationEvent.class).snapshotConfiguration());
        TypeSerializerSchemaCompatibility<ConversationEvent> c =
                new RecordSerializer<>(new ConversationEventFormat())
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(pojo);
        assertTrue(c.isCompatibleAfterMigration(), c.toString());
    }

    @Test
    void anotherRecordsSnapshotIsIncompatible() throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<ConversationEvent> other =
                (TypeSerializerSnapshot)
                        throughBytes(
                                new RecordSerializer<>(new CustomerEventFormat())
                                        .snapshotConfiguration());
        assertTrue(
                new RecordSerializer<>(new ConversationEventFormat())
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(other)
                        .isIncompatible());
    }

    @Test
    void enumConstantsAreReadByTheNamesTheWriterHad() throws Exception {
        ConversationEventFormat format = new ConversationEventFormat();
        ConversationEvent e = new ConversationEvent();
        e.channel = Channel.values()[0];
        byte[] bytes = bytes(new RecordSerializer<>(format), e);
        // An earlier release that declared Channel's constants in the opposite order: its first
        // constant is this release's last.
        List<List<String>> names = new ArrayList<>();
        for (Class<? extends Enum<?>> type : format.enums()) {
            List<String> n = Decoding.constantNames(type);
            if (type == Channel.class) {
                n = new ArrayList<>(n);
                java.util.Collections.reverse(n);
            }
            names.add(n);
        }
        RecordSerializer<ConversationEvent> earlier =
                new RecordSerializer<>(format, Decoding.of(format, 1, names));
        Channel[] channels = Channel.values();
        assertEquals(
                channels[channels.length - 1],
                earlier.deserialize(new DataInputDeserializer(bytes)).channel);
        assertThrows(IllegalStateException.class, () -> earlier.serialize(e, out()));
        assertTrue(
                new RecordSerializer<>(format)
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(earlier.snapshotConfiguration())
                        .isCompatibleAfterMigration());

        List<List<String>> gone = new ArrayList<>(names);
        gone.set(RecordEnums.CHANNEL, List.of("CARRIER_PIGEON"));
        assertThrows(IllegalStateException.class, () -> Decoding.of(format, 1, gone));
    }

    /**
     * Events held in the async step's queue at a savepoint of a release that wrote them as POJOs
     * come out of the restored step unchanged, in order.
     */
    @Test
    void theAsyncStepsQueueWrittenAsPojosRestores() throws Exception {
        List<ConversationEvent> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ConversationEvent e = filled(ConversationEvent.class, i % 2 == 0);
            e.ts = 1_000 + i;
            held.add(e);
        }
        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> before =
                asyncStep((e, result) -> {}, PojoSerializers.of(ConversationEvent.class))) {
            before.open();
            for (ConversationEvent e : held) {
                before.processElement(new StreamRecord<>(e, e.ts));
            }
            snapshot = before.snapshot(1, 1);
        }
        try (OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> after =
                asyncStep(
                        (e, result) -> result.complete(List.of(e)),
                        new RecordSerializer<>(new ConversationEventFormat()))) {
            after.initializeState(snapshot);
            after.open();
            after.endInput();
            List<ConversationEvent> out = new ArrayList<>();
            after.extractOutputValues().forEach(out::add);
            assertEquals(held.size(), out.size());
            for (int i = 0; i < held.size(); i++) {
                assertSameFields(held.get(i), out.get(i), "held event " + i);
            }
        }
    }

    private static OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent>
            asyncStep(
                    AsyncFunction<ConversationEvent, ConversationEvent> step,
                    TypeSerializer<ConversationEvent> in)
                    throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(step, 0, 10, AsyncDataStream.OutputMode.ORDERED),
                in);
    }

    private static <T> T roundTrip(RecordFormat<T> format, T record) throws IOException {
        RecordSerializer<T> serializer = new RecordSerializer<>(format);
        return serializer.deserialize(new DataInputDeserializer(bytes(serializer, record)));
    }

    private static <T> byte[] bytes(TypeSerializer<T> serializer, T record) throws IOException {
        DataOutputSerializer out = out();
        serializer.serialize(record, out);
        return out.getCopyOfBuffer();
    }

    private static DataOutputSerializer out() {
        return new DataOutputSerializer(64);
    }

    private static <T> TypeSerializerSnapshot<T> throughBytes(TypeSerializerSnapshot<T> snapshot)
            throws IOException {
        DataOutputSerializer out = out();
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                WireFormatsTest.class.getClassLoader());
    }

    /**
     * A record with every field set, nested records too: strings and numbers distinct per field,
     * enums at a constant other than the first, booleans alternating from {@code pattern} (the test
     * runs both patterns, so a swapped pair of flags shows).
     */
    private static <T> T filled(Class<T> type, boolean pattern) throws Exception {
        T record = type.getDeclaredConstructor().newInstance();
        int i = 0;
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            i++;
            Class<?> t = f.getType();
            Object v;
            if (t == String.class) {
                v = f.getName() + "-" + i + (pattern ? "" : "é");
            } else if (t == long.class || t == Long.class) {
                v = 1_000_000_000_000L * i + (pattern ? 1 : 2);
            } else if (t == int.class || t == Integer.class) {
                v = 1000 * i + (pattern ? 1 : 2);
            } else if (t == double.class || t == Double.class) {
                v = i + (pattern ? 0.25 : 0.75);
            } else if (t == boolean.class || t == Boolean.class) {
                v = (i % 2 == 0) == pattern;
            } else if (t.isEnum()) {
                Object[] constants = t.getEnumConstants();
                v = constants[(i + (pattern ? 1 : 2)) % (constants.length - 1) + 1];
            } else if (RECORDS.contains(t)) {
                v = filled(t, !pattern);
            } else {
                throw new AssertionError(
                        type.getSimpleName()
                                + "."
                                + f.getName()
                                + " is of a type the test does not know: "
                                + t);
            }
            f.set(record, v);
        }
        return record;
    }

    private static void assertSameFields(Object expected, Object actual, String where)
            throws IllegalAccessException {
        assertEquals(expected.getClass(), actual.getClass(), where);
        for (Field f : expected.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Object e = f.get(expected);
            Object a = f.get(actual);
            String path = where + "." + f.getName();
            if (e != null && RECORDS.contains(f.getType())) {
                assertNotEquals(null, a, path);
                assertSameFields(e, a, path);
            } else {
                assertEquals(e, a, path);
            }
        }
    }
}
