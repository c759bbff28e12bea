package dev.switchboard.operators.meaning;

import dev.switchboard.models.intent.EmbeddingIntentModel;
import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.intent.IntentScore;
import dev.switchboard.models.meaning.SecondOpinionSelector;
import dev.switchboard.models.meaning.SentenceEmbedder;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.sentiment.Languages;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.accounting.SwitchboardMetrics;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.Sentiment;
import dev.switchboard.operators.routing.RoutingSettings;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meaning tier: reads the intent of a conversation's first customer messages from their meaning
 * ({@link EmbeddingIntentModel}: a sentence embedding and a head beside the hashed model), and
 * gives a second opinion on the sentiment of the customer messages whose reading decides ({@link
 * SentimentSecondOpinion}, over a network fine-tuned for it), off the per-message path. Run with
 * Flink's async I/O in order ({@link ReadMeaningOperator}, which also lets the readings in flight
 * finish before each checkpoint's barrier), so every conversation's events leave in the order they
 * came; events it has nothing to do for pass at once.
 *
 * <p>The second opinion is asked for an English customer message scored by the shipped English
 * model (the head was trained beside it; a tenant's own model is left alone) that the score step
 * marked {@code decisiveTurn} (its score could move the escalation level: {@code DecisiveTurns}),
 * when {@code secondOpinionOnDecisiveTurns}, whose top probability is below {@code
 * secondOpinionBelow}, or whose label the second opinion is likely to change: at least {@code
 * secondOpinionLikelyToChange} by the shipped {@link SecondOpinionSelector}, which reads the
 * message's words and the fast scores at about the fast model's cost. The combined score replaces
 * the message's sentiment on its way to the conversation state, names both models ({@code
 * sentiment@v+head@v}) and is marked {@code secondOpinion}, which a decision's evidence carries;
 * the scores topic, published before this step, keeps the fast score at once. {@code
 * secondOpinionConsidered} counts the messages it could be asked for, {@code secondOpinionAsked}
 * those it was ({@code secondOpinionAskedLikelyChange} among them for the selector's reason alone,
 * {@code secondOpinionAskedDecisive} for being decisive alone), {@code secondOpinionRescored} those
 * it re-scored (the rest fell back, counted by cause as below) and {@code secondOpinionChanged}
 * those whose label it changed.
 *
 * <p>A message is read when its tenant routes with a shipped intent model that has a head, it is an
 * English customer message, and its conversation's intent is not yet read with confidence ({@code
 * minIntentConfidence}) within {@code intentMessages} customer messages: a few messages per
 * conversation, as {@code TrackConversation}'s intent reading. The count is kept per instance in
 * memory, not in Flink state: after a restore a conversation in progress may have one more message
 * read, which costs a little and changes nothing, since the conversation state takes the first
 * intent it settles on.
 *
 * <p>Flink's own async timeout is not used (Workflow passes 0): it would put a processing-time
 * timer on every event, and nearly all pass straight through; the tier times the messages it takes.
 * In order, every event of the instance waits behind a message being read, so the tier's bounds are
 * tight: a short timeout, and no message waiting for a busy thread ({@link MeaningTier}).
 *
 * <p>Bounded: the TaskManager's {@link MeaningTier} starts at most {@code maxPerSecond} embeddings
 * a second on its own threads, and none while they have used more than their {@code cpuShare} of
 * its processors; a message refused by it, not read within {@code timeout}, or whose reading failed
 * goes on without a reading, and {@code TrackConversation} reads it with the hashed model as
 * before. Each such fallback is counted by cause ({@code meaningFallback*}), never silent; {@code
 * meaningRead} counts readings and {@code meaningMillis} their latency. Replayed events (after a
 * restore, in flight at the checkpoint) are read again, with the same result while the tier has
 * room; one it has no room for then is read by the hashed model, which may settle another intent
 * than the first run did (docs/models.md).
 */
public class ReadMeaning extends RichAsyncFunction<ConversationEvent, ConversationEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadMeaning.class);
    private static final String ENGLISH = "en";

    /** Conversations' counts kept before the map is cleared (a bound on memory, not a rule). */
    private static final int MAX_TRACKED_CONVERSATIONS = 200_000;

    /** A conversation whose intent the tier has read with confidence. */
    private static final int SETTLED = -1;

    private final RoutingSettings routing;
    private final MeaningSettings settings;

    private transient HashMap<String, EmbeddingIntentModel> models;
    private transient ConcurrentHashMap<String, Integer> customerMessagesRead;
    private transient SentimentSecondOpinion secondOpinion;

    /** Null unless the second opinion is asked where it is likely to change the label. */
    private transient SecondOpinionSelector selector;

    /** The shipped English sentiment model's id: the only scores the second opinion re-reads. */
    private transient String shippedSentimentId;

    /** The fast model's id with the head's, made once: carried on every score it changed. */
    private transient String combinedSentimentId;

    private transient MeaningTier tier;

    /**
     * Readings started and not yet done or given up: {@link ReadMeaningOperator} waits for them.
     */
    private transient AtomicInteger inFlight;

    /**
     * Set when the task closes (cancelled, failed or done): the readings it left in the shared
     * tier's queue are skipped, as their events come back from the last checkpoint on a restore.
     */
    private transient volatile boolean closed;

    private transient Counter read;
    private transient Counter considered;
    private transient Counter asked;
    private transient Counter askedDecisive;
    private transient Counter askedLikelyChange;
    private transient Counter rescored;
    private transient Counter changed;
    private transient EnumMap<MeaningTier.Refusal, Counter> refused;
    private transient Counter late;
    private transient Counter failed;
    private transient Histogram millis;
    private transient Counter awaitedAtBarrier;
    private transient Histogram barrierWaitMillis;

    public ReadMeaning(RoutingSettings routing, MeaningSettings settings) {
        this.routing = routing;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        inFlight = new AtomicInteger();
        models = new HashMap<>();
        customerMessagesRead = new ConcurrentHashMap<>();
        if (settings.enabled()) {
            // Off, the tier passes every event and loads nothing (each network is some 150 MB).
            routing.tenants()
                    .forEach(
                            (tenant, r) -> {
                                if (IntentModel.SHIPPED.containsKey(r.intentModel())) {
                                    models.put(
                                            tenant, EmbeddingIntentModel.shipped(r.intentModel()));
                                }
                            });
        }
        if (settings.secondOpinion()) {
            secondOpinion = SentimentSecondOpinion.shipped();
            shippedSentimentId = SentimentModel.loadDefault().id();
            combinedSentimentId = shippedSentimentId + "+" + secondOpinion.headId();
            if (settings.secondOpinionLikelyToChange() > 0) {
                selector =
                        settings.secondOpinionSelector() == null
                                ? SecondOpinionSelector.shipped()
                                : SecondOpinionSelector.load(settings.secondOpinionSelector());
            }
        }
        java.util.Set<SentenceEmbedder> embedders = new java.util.HashSet<>();
        models.values().forEach(m -> embedders.add(m.embedder()));
        if (secondOpinion != null) {
            embedders.add(secondOpinion.embedder());
        }
        if (!embedders.isEmpty()) {
            tier = MeaningTier.shared(settings);
            // A network's first run allocates its buffers and takes far longer than the next: pay
            // it here, not on a customer's first message.
            embedders.forEach(e -> e.embed("I would like some help with my account"));
        }
        var context = getRuntimeContext();
        read = SwitchboardMetrics.threadSafeCounter(context, "meaningRead");
        refused = new EnumMap<>(MeaningTier.Refusal.class);
        refused.put(
                MeaningTier.Refusal.CPU, SwitchboardMetrics.counter(context, "meaningFallbackCpu"));
        refused.put(
                MeaningTier.Refusal.RATE,
                SwitchboardMetrics.counter(context, "meaningFallbackRate"));
        refused.put(
                MeaningTier.Refusal.SATURATED,
                SwitchboardMetrics.threadSafeCounter(context, "meaningFallbackSaturated"));
        late = SwitchboardMetrics.threadSafeCounter(context, "meaningFallbackLate");
        failed = SwitchboardMetrics.threadSafeCounter(context, "meaningFallbackFailed");
        millis = SwitchboardMetrics.histogram(context, "meaningMillis");
        awaitedAtBarrier = SwitchboardMetrics.counter(context, "meaningAwaitedAtBarrier");
        barrierWaitMillis = SwitchboardMetrics.histogram(context, "meaningBarrierWaitMillis");
        considered = SwitchboardMetrics.counter(context, "secondOpinionConsidered");
        asked = SwitchboardMetrics.counter(context, "secondOpinionAsked");
        askedDecisive = SwitchboardMetrics.counter(context, "secondOpinionAskedDecisive");
        askedLikelyChange = SwitchboardMetrics.counter(context, "secondOpinionAskedLikelyChange");
        rescored = SwitchboardMetrics.threadSafeCounter(context, "secondOpinionRescored");
        changed = SwitchboardMetrics.threadSafeCounter(context, "secondOpinionChanged");
    }

    @Override
    public void asyncInvoke(ConversationEvent event, ResultFuture<ConversationEvent> result) {
        EmbeddingIntentModel model = wanted(event);
        boolean rescore = wantsSecondOpinion(event);
        if (model == null && !rescore) {
            result.complete(Collections.singleton(event));
            return;
        }
        Reading reading = new Reading(event, result);
        inFlight.incrementAndGet();
        MeaningTier.Refusal refusal = tier.trySubmit(() -> reading.run(model, rescore));
        if (refusal != null) {
            refused.get(refusal).inc();
            reading.giveUp();
        } else {
            reading.timer =
                    tier.after(
                            settings.timeout(),
                            () -> {
                                if (reading.giveUp()) {
                                    late.inc();
                                }
                            });
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        super.close();
    }

    /** Readings in flight, their events not yet handed on. */
    int readingsInFlight() {
        return inFlight == null ? 0 : inFlight.get();
    }

    /**
     * Counts a checkpoint barrier that waited for {@code readings} readings in flight, for {@code
     * nanos}: what the tier adds to a checkpoint's alignment.
     */
    void awaitedAtBarrier(int readings, long nanos) {
        if (readings > 0) {
            awaitedAtBarrier.inc(readings);
            barrierWaitMillis.update(nanos / 1_000_000);
        }
    }

    /**
     * Whether {@code event} is a customer message scored by the shipped English sentiment model
     * that it was unsure of, or (when asked for) whose score could move its conversation's
     * escalation level ({@code decisiveTurn}), or (when asked for) whose label the second opinion
     * is likely to change, by the selector; counts the messages it could be asked for, those it is,
     * and among them those asked for as decisive only and by the selector only.
     */
    private boolean wantsSecondOpinion(ConversationEvent event) {
        if (secondOpinion == null
                || event.type != EventType.MESSAGE
                || event.role != SpeakerRole.CUSTOMER
                || event.sentiment == null
                || !event.sentiment.supported
                || event.text == null
                || !shippedSentimentId.equals(event.sentiment.model)) {
            return false;
        }
        considered.inc();
        if (event.sentiment.confidence < settings.secondOpinionBelow()) {
            asked.inc();
            return true;
        }
        if (event.decisiveTurn && settings.secondOpinionOnDecisiveTurns()) {
            asked.inc();
            askedDecisive.inc();
            return true;
        }
        // Last, since it is the one test that costs microseconds (it reads the words).
        if (selector != null) {
            double[] fast = SentimentSecondOpinion.fastProbabilities(fastScore(event.sentiment));
            if (selector.changeProbability(event.text, fast[0], fast[1], fast[2])
                    >= settings.secondOpinionLikelyToChange()) {
                asked.inc();
                askedLikelyChange.inc();
                return true;
            }
        }
        return false;
    }

    private static SentimentScore fastScore(Sentiment s) {
        return new SentimentScore(s.label, s.score, s.confidence, s.supported);
    }

    /** The intent model that reads {@code event}, or null when it needs no intent reading. */
    private EmbeddingIntentModel wanted(ConversationEvent event) {
        if (models.isEmpty()) {
            return null;
        }
        if (event.type == EventType.CONVERSATION_ENDED) {
            customerMessagesRead.remove(event.conversationKey());
            return null;
        }
        if (event.type != EventType.MESSAGE
                || event.role != SpeakerRole.CUSTOMER
                || event.sentiment == null
                || !event.sentiment.supported
                || event.text == null
                || !Languages.sameLanguage(event.language, ENGLISH)) {
            return null;
        }
        EmbeddingIntentModel model = models.get(event.tenant);
        if (model == null) {
            return null;
        }
        String key = event.conversationKey();
        int count = customerMessagesRead.getOrDefault(key, 0);
        if (count == SETTLED || count >= routing.intentMessages()) {
            return null;
        }
        if (customerMessagesRead.size() >= MAX_TRACKED_CONVERSATIONS) {
            customerMessagesRead.clear();
        }
        customerMessagesRead.put(key, count + 1);
        return model;
    }

    /**
     * One message's reading: run on the tier's thread, completed by it or given up by the
     * operator's thread (refused, late), whichever comes first; the event is only written by the
     * winner, and before it is completed.
     */
    private final class Reading {
        private final ConversationEvent event;
        private final ResultFuture<ConversationEvent> result;
        private final AtomicBoolean done = new AtomicBoolean();
        private final long started = System.nanoTime();
        private volatile Future<?> timer;

        Reading(ConversationEvent event, ResultFuture<ConversationEvent> result) {
            this.event = event;
            this.result = result;
        }

        /**
         * @param model the intent model to read the message with, or null for none
         * @param rescore whether to give the second opinion on its sentiment
         */
        void run(EmbeddingIntentModel model, boolean rescore) {
            if (done.get() || closed) {
                // given up as late while it waited, or its task closed: its reading would be
                // thrown away
                return;
            }
            IntentScore score = null;
            SentimentScore combined = null;
            try {
                float[] vector = null;
                if (model != null) {
                    vector = model.embedder().embed(event.text);
                    score = model.classify(event.text, vector);
                }
                if (rescore) {
                    // The shipped second opinion reads its own fine-tuned network; a message
                    // read for both is embedded once only when both read the same network.
                    if (model == null || model.embedder() != secondOpinion.embedder()) {
                        vector = secondOpinion.embedder().embed(event.text);
                    }
                    combined = secondOpinion.combine(fastScore(event.sentiment), vector);
                }
            } catch (RuntimeException e) {
                if (giveUp()) {
                    failed.inc();
                    // The message's text is personal data: the conversation names it instead.
                    LOG.warn(
                            "meaning tier failed on a message of {}: {}",
                            event.conversationKey(),
                            e.toString());
                }
                return;
            }
            if (done.compareAndSet(false, true)) {
                cancelTimer();
                if (score != null) {
                    if (score.confidence() >= routing.minIntentConfidence()) {
                        customerMessagesRead.computeIfPresent(
                                event.conversationKey(), (k, v) -> SETTLED);
                    }
                    event.meaningIntent = score.intent();
                    event.meaningIntentConfidence = score.confidence();
                    event.meaningModel = model.id();
                }
                if (combined != null) {
                    if (combined.label() != event.sentiment.label) {
                        changed.inc();
                    }
                    Sentiment second =
                            new Sentiment(
                                    combined.label(),
                                    combined.score(),
                                    combined.confidence(),
                                    true,
                                    combinedSentimentId);
                    second.secondOpinion = true;
                    event.sentiment = second;
                    rescored.inc();
                }
                read.inc();
                millis.update((System.nanoTime() - started) / 1_000_000);
                handOn();
            }
        }

        /** Sends the event on without a reading, unless it has been; true when this call did. */
        boolean giveUp() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            cancelTimer();
            handOn();
            return true;
        }

        /**
         * Sends the event on, then counts the reading done: in that order, so that once no reading
         * counts as in flight every hand-over is queued ({@link ReadMeaningOperator}).
         */
        private void handOn() {
            try {
                result.complete(Collections.singleton(event));
            } catch (RejectedExecutionException taskClosed) {
                // The task closed while the message was read (Flink's mailbox refuses the
                // hand-over): a restore reads the event again from the last checkpoint's input.
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private void cancelTimer() {
            Future<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
