package dev.switchboard.bench;

import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.wire.ConversationEventFormat;
import dev.switchboard.operators.records.wire.CustomerEventFormat;
import dev.switchboard.operators.records.wire.PojoSerializers;
import dev.switchboard.operators.records.wire.RecordSerializer;
import dev.switchboard.operators.warmup.JitWarmup;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One network hop of the per-message records on one thread: written and read back, as a task sends
 * and the next receives them, with the wire formats and with Flink's POJO serializer they replaced.
 * Events as scoring sends them on (sentiment set, text cut to its start), over the benchmark
 * messages; customer events as the conversation state sends them.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireFormatBenchmark extends MessageBenchmark {
    @Param({"format", "pojo"})
    public String serializer;

    private TypeSerializer<ConversationEvent> events;
    private TypeSerializer<CustomerEvent> customerEvents;
    private ConversationEvent[] eventSamples;
    private CustomerEvent[] customerSamples;
    private final SerializerRoundTrip roundTrip = new SerializerRoundTrip();

    @Setup(Level.Trial)
    public void load() throws IOException {
        loadMessages();
        boolean format = serializer.equals("format");
        events =
                format
                        ? new RecordSerializer<>(new ConversationEventFormat())
                        : PojoSerializers.of(ConversationEvent.class);
        customerEvents =
                format
                        ? new RecordSerializer<>(new CustomerEventFormat())
                        : PojoSerializers.of(CustomerEvent.class);
        String[] messages = messages();
        eventSamples = new ConversationEvent[messages.length];
        customerSamples = new CustomerEvent[messages.length];
        for (int i = 0; i < messages.length; i++) {
            String start = messages[i].substring(0, Math.min(200, messages[i].length()));
            eventSamples[i] = JitWarmup.message(i, start);
            customerSamples[i] = CustomerEvent.of(JitWarmup.update(i, start));
        }
    }

    @Benchmark
    public ConversationEvent event() throws IOException {
        return roundTrip.of(events, eventSamples[nextIndex()]);
    }

    @Benchmark
    public CustomerEvent customerEvent() throws IOException {
        return roundTrip.of(customerEvents, customerSamples[nextIndex()]);
    }
}
