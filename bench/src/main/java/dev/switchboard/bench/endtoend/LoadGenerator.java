package dev.switchboard.bench.endtoend;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An open-loop generator of contract records: message {@code n} is due at {@code start + n / rate}
 * and is sent then, whether or not the system has kept up, and its id carries that due time. A
 * consumer measures latency from the due time, so a stall shows in full instead of slowing the
 * generator down (no coordinated omission).
 *
 * <p>The load: {@code conversations} concurrent conversations over three tenants, messages spread
 * round-robin over them; turns alternate customer and agent (one of 50 agents with ids, so the
 * agent-strain path carries its share); every third conversation is a voice call (final transcript
 * segments), the rest chat; {@code angryShare} of the conversations have an angry customer, the
 * others a calm one (one calm line in six is one the fast sentiment model is unsure of). After
 * {@value #TURNS} turns a conversation ends ({@code conversation.ended}) and a new one takes its
 * place, so the number open stays {@code conversations} and angry conversations keep starting (and
 * escalating) while it runs. The conversations are staggered ({@link #slot}): every round of them
 * ends one in {@code TURNS + 1}, rather than all of them at once as the bench did before.
 */
final class LoadGenerator implements AutoCloseable {
    static final String[] ANGRY = {
        "This is ridiculous, I have been waiting for two hours and nobody has helped me!!",
        "Worst service ever. I was charged twice and I want a refund now.",
        "Your app is broken again and nobody answers. Unacceptable!",
        "I want to speak to your manager, this is the third time I am calling.",
        "Still not fixed. I am done with you people.",
    };
    static final String[] CALM = {
        "Hi, I would like to change the address on my account.",
        "Thanks, that worked. Have a nice day!",
        // One calm customer turn in six is one the fast sentiment model is unsure of (top
        // probability below 0.5), as 6 to 14% of dialogue turns are (docs/models.md): the meaning
        // tier's second opinion has work when it is asked for unsure turns; the angry
        // conversations' turns after their first are the decisive turns it is asked for by
        // default.
        "So I just have to wait?",
        "Great, thank you for the quick help.",
        "Could you send me the invoice for last month please?",
    };
    static final String[] AGENT = {
        "Let me look into that for you.",
        "I have updated your account, is there anything else?",
        "I'm sorry about that, I'm checking it now.",
    };
    private static final String[] TENANTS = {"acme", "globex", "initech"};
    static final int TURNS = 12;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int conversations;
    private final int angryEvery;
    private final long epochNanos;
    private long sequence;
    private long messages;

    /**
     * @param epochNanos the {@link System#nanoTime()} origin of due times, shared with the
     *     consumers
     */
    LoadGenerator(
            String bootstrapServers,
            String topic,
            int conversations,
            double angryShare,
            long epochNanos) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        this.producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.conversations = conversations;
        this.angryEvery = angryShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / angryShare);
        this.epochNanos = epochNanos;
    }

    /**
     * Sends at {@code rate} messages/s for {@code seconds}, each at its due time.
     *
     * @return messages sent
     */
    long run(int rate, double seconds, Runnable everySecond) {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long count = (long) (rate * seconds);
        long nextTick = start + 1_000_000_000L;
        for (long i = 0; i < count; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait - 10_000);
            }
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            send(due);
            if (due >= nextTick) {
                everySecond.run();
                nextTick += 1_000_000_000L;
            }
        }
        producer.flush();
        return count;
    }

    /**
     * Sends {@code count} messages at once, all due now: the input that piled up while the job was
     * down. Returns when the broker has them.
     */
    long burst(long count) {
        for (long i = 0; i < count; i++) {
            send(System.nanoTime());
        }
        producer.flush();
        return count;
    }

    /**
     * Where the {@code n}th message falls: its conversation slot, the generation of the
     * conversation in that slot, and its turn ({@value #TURNS} is the end). Messages go round-robin
     * over the slots; slot {@code c} runs {@code c mod (TURNS + 1)} turns ahead, so in every round
     * of the slots one conversation in {@code TURNS + 1} ends and another starts, as in a contact
     * center, not all of them at once.
     */
    record Slot(int conversation, long generation, long turn) {}

    static Slot slot(long n, int conversations) {
        int c = (int) (n % conversations);
        long step = n / conversations + c % (TURNS + 1);
        return new Slot(c, step / (TURNS + 1), step % (TURNS + 1));
    }

    private void send(long dueNanos) {
        long n = sequence++;
        Slot slot = slot(n, conversations);
        int c = slot.conversation();
        long generation = slot.generation();
        long turn = slot.turn();
        String tenant = TENANTS[c % TENANTS.length];
        String conversation = "c-" + c + "-" + generation;
        byte[] key = (tenant + "/" + conversation).getBytes(StandardCharsets.UTF_8);
        if (turn == TURNS) {
            producer.send(
                    new ProducerRecord<>(
                            topic,
                            key,
                            ("{\"v\":1,\"type\":\"conversation.ended\",\"tenant\":\""
                                            + tenant
                                            + "\",\"conversationId\":\""
                                            + conversation
                                            + "\",\"customerId\":\"cust-"
                                            + c
                                            + "\",\"channel\":\""
                                            + (c % 3 == 0 ? "voice" : "chat")
                                            + "\",\"ts\":"
                                            + System.currentTimeMillis()
                                            + "}")
                                    .getBytes(StandardCharsets.UTF_8)));
            return;
        }
        messages++;
        boolean customer = turn % 2 == 0;
        boolean voice = c % 3 == 0;
        String text =
                customer
                        ? (c % angryEvery == 0 ? ANGRY : CALM)[(int) (turn / 2 % 5)]
                        : AGENT[(int) (turn / 2 % AGENT.length)];
        StringBuilder json =
                new StringBuilder(320)
                        .append("{\"v\":1,\"type\":\"message\",\"tenant\":\"")
                        .append(tenant)
                        .append("\",\"conversationId\":\"")
                        .append(conversation)
                        .append("\",\"messageId\":\"")
                        .append(messageId(dueNanos - epochNanos, n))
                        .append("\",\"customerId\":\"cust-")
                        .append(c)
                        .append("\",\"channel\":\"")
                        .append(voice ? "voice" : "chat")
                        .append("\",\"role\":\"")
                        .append(customer ? "customer" : "agent");
        if (!customer) {
            // Agents with ids, so the agent-strain path carries its share of the load.
            json.append("\",\"agentId\":\"agent-").append(c % AGENTS);
        }
        json.append("\",\"text\":\"")
                .append(text)
                .append("\",\"ts\":")
                .append(System.currentTimeMillis());
        if (voice) {
            json.append(",\"final\":true");
        }
        json.append('}');
        producer.send(
                new ProducerRecord<>(topic, key, json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** "b{due micros since the epoch}-{sequence}": the due time travels with the message. */
    /** Agents the conversations are spread over (by conversation number). */
    private static final int AGENTS = 50;

    static String messageId(long dueNanosSinceEpoch, long sequence) {
        return "b" + dueNanosSinceEpoch / 1000 + "-" + sequence;
    }

    /**
     * The due time in a message id, micros since the epoch; -1 when the id is not the generator's.
     */
    static long dueMicros(CharSequence id, int from) {
        if (from >= id.length() || id.charAt(from) != 'b') {
            return -1;
        }
        long v = 0;
        for (int i = from + 1; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch == '-') {
                return v;
            }
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return -1;
    }

    /** Records sent: messages and conversation ends. */
    long sent() {
        return sequence;
    }

    /** Messages sent: the records that each have one output. */
    long messages() {
        return messages;
    }

    @Override
    public void close() {
        producer.close();
    }
}
