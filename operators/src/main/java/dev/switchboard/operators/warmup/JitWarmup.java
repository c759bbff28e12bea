package dev.switchboard.operators.warmup;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.Sentiment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operator's per-message code on made-up messages in {@code open()}, before its first
 * record, so that the JIT compiler has compiled it by the time records come.
 *
 * <p>Why: on a busy TaskManager the compiler threads share the cores with the tasks, and a cold job
 * that starts behind (a deploy, a restore with input waiting) keeps them busy: profiled on two
 * cores, the scoring, conversation and decision code was compiled 40 to 80 s after the start, and
 * the job ran at half its speed until then (docs/performance.md). Warming took 0.3 to 1.2 s of one
 * core there, while the job was starting anyway.
 *
 * <p>Once per name and class loader (a job's on a TaskManager): its subtasks share compiled code,
 * and a job loaded anew has cold classes and warms them again. Only code without effects runs
 * (models, plain-Java state and decision classes, JSON writers, the records' Flink serializers);
 * state and outputs are never touched, and the messages are invented, not anyone's.
 */
public final class JitWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(JitWarmup.class);
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();
    // Rounds run by name, -1 for a warm-up that failed: what tests and the log can tell.
    private static final Map<String, Integer> ROUNDS_RUN = new ConcurrentHashMap<>();

    /**
     * Rounds over {@link #messages()}: enough for the compiler's thresholds (about 10,000 calls).
     */
    static final int ROUNDS = 400;

    /** The longest a warm-up runs, however slow the machine. */
    static final long BUDGET_NANOS = 3_000_000_000L;

    private static final List<String> MESSAGES = load();

    private JitWarmup() {}

    /** One pass over the made-up messages. */
    @FunctionalInterface
    public interface Round {
        void run(List<String> messages) throws Exception;
    }

    /**
     * Runs {@code round} {@value #ROUNDS} times or for at most three seconds, the first time this
     * JVM asks for {@code name}; does nothing after that. A failure is logged, never thrown: a
     * warm-up only saves time.
     */
    public static void once(String name, Round round) {
        if (!WARMED.add(name)) {
            return;
        }
        long start = System.nanoTime();
        int rounds = 0;
        try {
            while (rounds < ROUNDS && System.nanoTime() - start < BUDGET_NANOS) {
                round.run(MESSAGES);
                rounds++;
            }
            ROUNDS_RUN.put(name, rounds);
            LOG.info(
                    "Warmed {} in {} ms ({} rounds of {} messages)",
                    name,
                    (System.nanoTime() - start) / 1_000_000,
                    rounds,
                    MESSAGES.size());
        } catch (Exception | LinkageError e) {
            ROUNDS_RUN.put(name, -1);
            LOG.warn("Warming {} failed after {} rounds; it goes on cold", name, rounds, e);
        }
    }

    /** The rounds the warm-up {@code name} ran in this JVM: null before it, -1 if it failed. */
    public static Integer roundsRun(String name) {
        return ROUNDS_RUN.get(name);
    }

    /** Made-up customer-service messages of every kind the models read. */
    public static List<String> messages() {
        return MESSAGES;
    }

    /**
     * Writes records with their Flink serializers and reads them back, as a network exchange or a
     * state access would: one per operator, for its warm-up.
     */
    public static final class RoundTrips {
        private final RuntimeContext context;
        private final Map<Class<?>, TypeSerializer<?>> serializers = new HashMap<>();
        private final DataOutputSerializer out = new DataOutputSerializer(512);
        private final DataInputDeserializer in = new DataInputDeserializer();

        public RoundTrips(RuntimeContext context) {
            this.context = context;
        }

        /** {@code record} (of class {@code type}), written and read back. */
        public <T> T of(T record, Class<T> type) throws IOException {
            @SuppressWarnings("unchecked")
            TypeSerializer<T> serializer =
                    (TypeSerializer<T>)
                            serializers.computeIfAbsent(
                                    type, t -> context.createSerializer(TypeInformation.of(t)));
            out.clear();
            serializer.serialize(record, out);
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            return serializer.deserialize(in);
        }
    }

    /**
     * Made-up message {@code i} of a made-up conversation: a customer's on even {@code i}, an
     * agent's on odd, with a sentiment that swings from negative to positive.
     */
    public static ConversationEvent message(int i, String text) {
        ConversationEvent e = new ConversationEvent();
        e.type = EventType.MESSAGE;
        e.tenant = "warm-up";
        e.conversationId = "conversation-" + (i / 12);
        e.messageId = "message-" + i;
        e.customerId = "customer-" + (i / 12);
        e.channel = i % 3 == 0 ? Channel.VOICE : Channel.CHAT;
        e.role = i % 2 == 0 ? SpeakerRole.CUSTOMER : SpeakerRole.AGENT;
        e.agentId = "agent-" + (i % 5);
        e.text = text;
        e.ts = 1_767_225_600_000L + i * 5_000L;
        double score = Math.sin(i * 0.7);
        e.sentiment =
                new Sentiment(
                        score < -0.3
                                ? SentimentLabel.NEGATIVE
                                : score > 0.3 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL,
                        score,
                        Math.abs(score),
                        true,
                        "warm-up@0");
        e.escalationRequest = EscalationRequest.NONE;
        return e;
    }

    /**
     * The update the conversation state would send for {@link #message}{@code (i, text)}, as a
     * customer's, with running figures that drift negative and back.
     */
    public static ConversationUpdate update(int i, String text) {
        ConversationEvent e = message(i, text);
        ConversationUpdate u = new ConversationUpdate();
        u.tenant = e.tenant;
        u.conversationId = e.conversationId;
        u.customerId = e.customerId;
        u.customerKey = e.tenant + "/c/" + e.customerId;
        u.channel = e.channel;
        u.messageId = e.messageId;
        u.role = SpeakerRole.CUSTOMER;
        u.ts = e.ts;
        u.label = e.sentiment.label;
        u.score = e.sentiment.score;
        u.confidence = e.sentiment.confidence;
        u.supported = true;
        u.customerSentiment = Math.sin(i * 0.2);
        u.customerTrend = Math.cos(i * 0.2) * 0.2;
        u.negativeStreak = u.customerSentiment < 0 ? i % 4 : 0;
        u.customerMessages = i % 12 + 1;
        u.agentMessages = i % 12;
        u.excerpt = text;
        u.startedAt = e.ts - 60_000;
        u.language = "en";
        u.agentId = e.agentId;
        u.opened = i % 12 == 0;
        return u;
    }

    private static List<String> load() {
        try (InputStream s = JitWarmup.class.getResourceAsStream("messages.txt")) {
            if (s == null) {
                throw new IllegalStateException("warm-up messages missing from the jar");
            }
            return new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
