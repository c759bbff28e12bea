package dev.switchboard.operators.score;

import dev.switchboard.models.language.LanguageDetection;
import dev.switchboard.models.requests.EscalationRequests;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.escalation.DecisiveTurns;
import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.escalation.TenantPolicies;
import dev.switchboard.operators.kafka.JsonRecordSerializer;
import dev.switchboard.operators.kafka.OutputJson;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.RecordIds;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.operators.records.Sentiment;
import dev.switchboard.operators.warmup.JitWarmup;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores the sentiment of every final message and publishes it on {@link #SCORES}, and finds
 * explicit escalation requests in the customer's messages; passes every event on (scored messages
 * with their sentiment, partial segments and lifecycle events without) to the conversation state,
 * with the start of a customer's text (for intent and decision evidence; redacted before a decision
 * publishes a {@value #EXCERPT_LENGTH}-character excerpt of it) and no other text.
 *
 * <p>Language, per conversation ({@link ConversationLanguage}, kept in keyed state for tenants with
 * several languages): a message's own tag is taken at its word; a tenant that serves one language
 * ({@code tenantLanguages}; English when not configured) has that language; for a tenant with
 * several, the conversation's language is detected among them once and re-checked only when a
 * message is clearly in another. Each message is scored by the model of its language ({@link
 * SentimentModels}); one in a language no model reads, or whose language cannot be told, is scored
 * {@code supported: false} with confidence 0 and no request detection: never guessed.
 *
 * <p>Partial voice segments are counted and skipped: the recogniser will send the final version of
 * the same words, and scoring both would count them twice. The models load once per TaskManager in
 * {@code open} ({@link SentimentModels}: the shipped one of each language, a deployment's file, and
 * tenants' own files), and every score names its model.
 *
 * <p>With {@code markDecisiveTurns} (the meaning tier's second opinion, docs/models.md), each
 * customer turn scored by the shipped English model (the only scores the second opinion re-reads)
 * whose fast score could move its conversation's escalation level under its tenant's live policy is
 * marked {@code decisiveTurn}, from whether the conversation's last two such turns leaned negative,
 * kept in keyed state (written only when it changes: calm conversations write nothing). Tenants'
 * policies published on the policies topic are kept in {@link DecideEscalation#POLICIES} broadcast
 * state here as in the decision step, marks or not, so a change applies to the marks without a
 * restart, and a restart with the marks turned on finds the policies published before it.
 */
public class ScoreSentiment
        extends KeyedBroadcastProcessFunction<
                String, ConversationEvent, PolicyUpdate, ConversationEvent> {
    public static final OutputTag<ScoredMessage> SCORES = new OutputTag<>("scores") {};

    private final HashMap<String, Set<String>> tenantLanguages;
    private final SentimentModels models;
    private final Duration stateTtl;
    private final DecisiveTurns decisiveTurns;
    private final boolean markDecisiveTurns;
    private transient SentimentModels.Loaded loaded;
    private transient HashMap<String, LanguageDetection> detectors;
    private transient HashMap<String, String> onlyLanguage;
    private transient ValueState<String> conversationLanguage;
    private transient ValueState<Integer> recentCustomerTurns;

    /**
     * The shipped English model's id: the only scores the second opinion re-reads, so the only ones
     * worth a decisive-turn mark (and a state read).
     */
    private transient String secondOpinionModelId;

    private transient RecordCount scored;
    private transient RecordCount skippedPartials;
    private transient RecordCount lifecycle;
    private transient org.apache.flink.metrics.Histogram scoringMicros;
    private transient org.apache.flink.metrics.Histogram eventToScoreMillis;

    /**
     * @param tenantLanguages the languages of tenants that serve another language than English or
     *     several, by tenant
     * @param models the sentiment model of each tenant
     * @param stateTtl how long a conversation's language is kept after its last message
     */
    public ScoreSentiment(
            Map<String, Set<String>> tenantLanguages, SentimentModels models, Duration stateTtl) {
        this(
                tenantLanguages,
                models,
                stateTtl,
                DecisiveTurns.of(EscalationPolicy.defaults(), Map.of()),
                false);
    }

    /**
     * @param decisiveTurns which customer turns are decisive under the job's default and the
     *     tenants' configured policies, over which published ones apply
     * @param markDecisiveTurns whether to mark them as {@code decisiveTurn} (and keep state for it)
     */
    public ScoreSentiment(
            Map<String, Set<String>> tenantLanguages,
            SentimentModels models,
            Duration stateTtl,
            DecisiveTurns decisiveTurns,
            boolean markDecisiveTurns) {
        this.models = models;
        this.decisiveTurns = decisiveTurns;
        this.markDecisiveTurns = markDecisiveTurns;
        this.stateTtl = stateTtl;
        this.tenantLanguages = new HashMap<>();
        tenantLanguages.forEach(
                (tenant, languages) -> {
                    if (languages.isEmpty()) {
                        throw new IllegalArgumentException(
                                "tenant " + tenant + " has no languages");
                    }
                    LanguageDetection.requireSupported(languages);
                    this.tenantLanguages.put(tenant, new TreeSet<>(languages));
                });
    }

    @Override
    public void open(OpenContext openContext) {
        loaded = models.load();
        detectors = new HashMap<>();
        onlyLanguage = new HashMap<>();
        tenantLanguages.forEach(
                (tenant, languages) -> {
                    if (languages.size() > 1) {
                        detectors.put(tenant, LanguageDetection.among(languages));
                    } else {
                        onlyLanguage.put(tenant, languages.iterator().next());
                    }
                });
        ValueStateDescriptor<String> descriptor =
                new ValueStateDescriptor<>("conversation-language", String.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        conversationLanguage = getRuntimeContext().getState(descriptor);
        if (markDecisiveTurns) {
            ValueStateDescriptor<Integer> recent =
                    new ValueStateDescriptor<>("recent-customer-turns", Integer.class);
            recent.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
            recentCustomerTurns = getRuntimeContext().getState(recent);
            secondOpinionModelId = SentimentModel.loadDefault().id();
        }
        scored = RecordCount.register(getRuntimeContext(), RecordCount.SCORED);
        skippedPartials = RecordCount.register(getRuntimeContext(), RecordCount.SKIPPED_PARTIALS);
        lifecycle = RecordCount.register(getRuntimeContext(), RecordCount.LIFECYCLE);
        scoringMicros =
                dev.switchboard.operators.accounting.SwitchboardMetrics.histogram(
                        getRuntimeContext(), "modelScoringMicros");
        eventToScoreMillis =
                dev.switchboard.operators.accounting.SwitchboardMetrics.histogram(
                        getRuntimeContext(), "eventToScoreMillis");
        warmUp();
    }

    /** Scores, request detection, the score's JSON and the event's serializer: see JitWarmup. */
    private void warmUp() {
        SentimentModel model = loaded.forMessage(null, null);
        JitWarmup.RoundTrips wire = new JitWarmup.RoundTrips(getRuntimeContext());
        JitWarmup.once(
                "scoring",
                messages -> {
                    for (int i = 0; i < messages.size(); i++) {
                        ConversationEvent e = JitWarmup.message(i, messages.get(i));
                        SentimentScore s = model.score(e.text, e.role, e.language);
                        e.escalationRequest = EscalationRequests.detect(e.text, e.language);
                        e.sentiment =
                                new Sentiment(
                                        s.label(), s.score(), s.confidence(), true, model.id());
                        JsonRecordSerializer.toJsonString(
                                scoredMessage(e, e.ts), OutputJson::score);
                        e.text = start(e.text);
                        wire.of(e, ConversationEvent.class);
                    }
                });
    }

    @Override
    public void processElement(
            ConversationEvent event, ReadOnlyContext ctx, Collector<ConversationEvent> out)
            throws Exception {
        if (event.type != EventType.MESSAGE) {
            lifecycle.inc();
            // Only a kept language is cleared: clearing what is not there still writes a RocksDB
            // tombstone, which the next checkpoint flushes while scoring waits (a conversation
            // keeps a language only when its tenant serves several).
            if (event.type == EventType.CONVERSATION_ENDED) {
                if (conversationLanguage.value() != null) {
                    conversationLanguage.clear();
                }
                if (recentCustomerTurns != null && recentCustomerTurns.value() != null) {
                    recentCustomerTurns.clear();
                }
            }
        } else if (event.isPartialSegment()) {
            skippedPartials.inc();
        } else {
            Set<String> languages =
                    tenantLanguages.isEmpty() ? null : tenantLanguages.get(event.tenant);
            if (languages != null) {
                event.language = languageOf(event, languages);
            }
            long start = System.nanoTime();
            SentimentModel m = loaded.forMessage(event.tenant, event.language);
            SentimentScore s = m.score(event.text, event.role, event.language);
            scoringMicros.update((System.nanoTime() - start) / 1000);
            event.sentiment =
                    new Sentiment(s.label(), s.score(), s.confidence(), s.supported(), m.id());
            if (event.role == SpeakerRole.CUSTOMER && s.supported()) {
                event.escalationRequest = EscalationRequests.detect(event.text, event.language);
                if (recentCustomerTurns != null && secondOpinionModelId.equals(m.id())) {
                    markDecisive(event, ctx);
                }
            }
            long now = System.currentTimeMillis();
            // From the platform's timestamp to the score: Kafka, the source and the job so far.
            eventToScoreMillis.update(Math.max(0, now - event.ts));
            ctx.output(SCORES, scoredMessage(event, now));
            scored.inc();
        }
        // Downstream needs the start of a customer's message only (intent, and decision evidence);
        // the rest would only cost network and state. It is redacted when a decision publishes it,
        // not here: redaction costs more than scoring, and few messages become evidence.
        event.text =
                event.role == SpeakerRole.CUSTOMER && event.sentiment != null
                        ? start(event.text)
                        : null;
        out.collect(event);
    }

    private void markDecisive(ConversationEvent event, ReadOnlyContext ctx) throws Exception {
        Integer kept = recentCustomerTurns.value();
        int recent = kept == null ? DecisiveTurns.CALM : kept;
        double score = event.sentiment.score;
        EscalationPolicy policy =
                decisiveTurns.live(
                        event.tenant,
                        ctx.getBroadcastState(DecideEscalation.POLICIES).get(event.tenant));
        event.decisiveTurn = DecisiveTurns.isDecisiveUnder(policy, score, recent);
        int next = DecisiveTurns.afterUnder(policy, score, recent);
        if (next != recent) {
            recentCustomerTurns.update(next);
        }
    }

    /** Sets or removes one tenant's live or shadow policy, as the decision step does. */
    @Override
    public void processBroadcastElement(
            PolicyUpdate update, Context ctx, Collector<ConversationEvent> out) throws Exception {
        TenantPolicies.apply(
                ctx.getBroadcastState(DecideEscalation.POLICIES),
                update,
                decisiveTurns.configured());
    }

    /**
     * The language of a customer's message of a tenant with configured languages; a tenant with
     * several keeps its conversation's in state, written only when it changes.
     */
    private String languageOf(ConversationEvent event, Set<String> languages) throws Exception {
        LanguageDetection detector = detectors.get(event.tenant);
        if (detector == null) {
            return event.language != null ? event.language : onlyLanguage.get(event.tenant);
        }
        String kept = conversationLanguage.value();
        if (event.role != SpeakerRole.CUSTOMER) {
            // An agent or a bot follows the customer's language; it never sets it.
            return event.language != null ? event.language : kept;
        }
        ConversationLanguage.Decision d =
                ConversationLanguage.decide(kept, event.language, event.text, languages, detector);
        if (d.conversation() != null && !d.conversation().equals(kept)) {
            conversationLanguage.update(d.conversation());
        }
        return d.message();
    }

    /** The longest excerpt published as evidence, in characters. */
    public static final int EXCERPT_LENGTH = 160;

    /**
     * How much text past the excerpt is kept for the redactor: a card, an IBAN or an e-mail address
     * across the excerpt's end is then still seen whole, and replaced whole (Redactor.excerpt).
     */
    public static final int REDACTION_CONTEXT = 96;

    /** The start of a customer's text that goes on: the excerpt and the redactor's context. */
    static String start(String text) {
        int max = EXCERPT_LENGTH + REDACTION_CONTEXT;
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    static ScoredMessage scoredMessage(ConversationEvent e, long now) {
        ScoredMessage m = new ScoredMessage();
        m.id = RecordIds.of("score", e.tenant, e.conversationId, e.messageId);
        m.tenant = e.tenant;
        m.conversationId = e.conversationId;
        m.messageId = e.messageId;
        m.customerId = e.customerId;
        m.channel = e.channel;
        m.role = e.role;
        m.agentId = e.agentId;
        m.language = e.language;
        m.ts = e.ts;
        m.sentiment = e.sentiment;
        m.decidedAt = now;
        return m;
    }
}
