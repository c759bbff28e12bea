package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The board's picture of every tenant's conversations, in memory, from the output topics of the
 * job. Each record updates one conversation of one tenant; {@link #apply} returns the
 * conversation's view as JSON when a supervisor would see a change (so it can be pushed), else
 * null. Views leave this class only as JSON written under its lock, so no reader sees one half
 * changed.
 *
 * <ul>
 *   <li>{@code escalation} (live decisions only; shadow ones are not for supervisors): level,
 *       reasons, evidence; a recovery takes the conversation off the board and ends its
 *       acknowledgement.
 *   <li>{@code score}: the customer's trend line, and the time of the latest agent reply.
 *   <li>{@code routing}: queue, priority, intent, language (an escalation carries the language too,
 *       so a conversation without routing shows it).
 *   <li>{@code ack}: who is on it.
 *   <li>{@code conversation.summary}: the conversation closed; it leaves the board (a closed
 *       conversation needs no supervisor) and its acknowledgement ends.
 * </ul>
 *
 * Insights ({@code complaint_surge}, {@code agent_strain}) are kept apart, by episode, while open
 * ({@link #applyInsight}), at most {@value #MAX_INSIGHTS} per tenant.
 *
 * <p>Bounded: per tenant, at most {@code maxConversations}; when full, the least recently changed
 * conversation nobody needs to see (below watch) goes first, and one on the board only when every
 * kept conversation is on it. A closed conversation is dropped at once. A record with a time that
 * cannot be read is refused whole before it changes anything. Thread-safe (one lock; records arrive
 * from one consumer thread, reads from request threads).
 */
public final class BoardState {
    static final int TREND_POINTS = 30;

    /** Open insights kept per tenant; beyond it the least recently changed goes. */
    static final int MAX_INSIGHTS = 200;

    private final int maxConversations;
    private final Map<String, LinkedHashMap<String, ConversationView>> tenants = new HashMap<>();
    private final Map<String, LinkedHashMap<String, InsightView>> insights = new HashMap<>();

    public BoardState() {
        this(BoardSettings.Limits.DEFAULTS.maxConversations());
    }

    public BoardState(int maxConversations) {
        this.maxConversations = maxConversations;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Applies one output record; returns the changed view a supervisor sees, as JSON, or null.
     *
     * @throws IllegalArgumentException for a record whose times cannot be read (nothing changed)
     */
    public synchronized String apply(JsonNode record, long now) {
        checkTimes(record);
        String kind = record.path("kind").asText();
        String tenant = record.path("tenant").asText(null);
        String id = record.path("conversationId").asText(null);
        if (tenant == null || id == null) {
            return null;
        }
        LinkedHashMap<String, ConversationView> conversations =
                tenants.computeIfAbsent(tenant, t -> lru());
        ConversationView v = conversations.get(id);
        boolean wasVisible = v != null && v.visible();
        if (v == null) {
            v = new ConversationView();
            v.conversationId = id;
        }
        switch (kind) {
            case "escalation" -> {
                if (record.at("/policy/mode").asText("live").equals("shadow")) {
                    return null;
                }
                escalation(v, record);
            }
            case "score" -> score(v, record);
            case "routing" -> {
                v.queue = record.path("queue").asText(v.queue);
                v.priority = record.path("priority").asInt(v.priority);
                v.intent = record.path("intent").asText(v.intent);
                v.language = record.path("language").asText(v.language);
            }
            case "conversation.summary" -> {
                // Closed: nobody needs it any more; it leaves the board and memory.
                conversations.remove(id);
                if (!wasVisible) {
                    return null;
                }
                v.level = "none";
                v.ackBy = null;
                v.ackAt = 0;
                return json(v);
            }
            case "ack" -> {
                if (!v.visible()) {
                    return null;
                }
                v.ackBy = record.path("supervisor").asText();
                v.ackAt = record.path("ts").asLong();
            }
            default -> {
                return null;
            }
        }
        if (v.customerId == null && record.hasNonNull("customerId")) {
            v.customerId = record.get("customerId").asText();
        }
        if (v.channel == null && record.hasNonNull("channel")) {
            v.channel = record.get("channel").asText();
        }
        v.updatedAt = now;
        conversations.remove(id);
        conversations.put(id, v);
        if (conversations.size() > maxConversations) {
            evictOne(conversations);
        }
        return v.visible() || wasVisible ? json(v) : null;
    }

    /** Whether a record is an insight (a complaint surge or an agent's strain). */
    static boolean isInsight(JsonNode record) {
        String kind = record.path("kind").asText();
        return kind.equals("complaint_surge") || kind.equals("agent_strain");
    }

    /**
     * Applies one insight record; returns the insight's view as JSON (with {@code open} false when
     * it closed, so pages take it off), or null for a record without tenant or episode.
     *
     * @throws IllegalArgumentException for a record whose times cannot be read (nothing changed)
     */
    public synchronized String applyInsight(JsonNode record, long now) {
        long ts = instant(record.path("ts"));
        for (JsonNode e : record.path("examples")) {
            instant(e.path("ts"));
        }
        long windowStart = instant(record.at("/window/start"));
        long windowEnd = instant(record.at("/window/end"));
        String tenant = record.path("tenant").asText(null);
        String episode = record.path("episodeId").asText(null);
        if (tenant == null || episode == null) {
            return null;
        }
        LinkedHashMap<String, InsightView> open =
                insights.computeIfAbsent(tenant, t -> new LinkedHashMap<>());
        InsightView v = open.remove(episode);
        if (v == null) {
            v = new InsightView();
            v.episodeId = episode;
            v.openedAt = ts;
        }
        v.kind = record.path("kind").asText();
        v.ts = ts;
        v.updatedAt = now;
        v.windowMinutes = (int) ((windowEnd - windowStart) / 60_000);
        if (v.kind.equals("complaint_surge")) {
            int count = record.path("count").asInt();
            v.trend = count > v.count ? "rising" : count < v.count ? "falling" : "steady";
            v.topic = record.path("topic").asText();
            v.count = count;
            v.expected = record.path("expected").asDouble();
            v.factor = record.path("factor").asDouble();
            v.examples = new ArrayList<>();
            for (JsonNode e : record.path("examples")) {
                v.examples.add(
                        new InsightView.Example(
                                e.path("conversationId").asText(),
                                e.path("excerpt").asText(null),
                                instant(e.path("ts"))));
            }
        } else {
            String level = record.path("level").asText();
            v.trend =
                    v.level == null || strainRank(level) > strainRank(v.level)
                            ? "rising"
                            : strainRank(level) < strainRank(v.level) ? "falling" : "steady";
            v.agentId = record.path("agentId").asText();
            v.level = level;
            List<String> reasons = new ArrayList<>();
            record.path("reasons").forEach(r -> reasons.add(r.asText()));
            v.reasons = reasons;
            v.hostileMessages = record.path("hostileMessages").asInt();
            v.escalatedConversations = record.path("escalatedConversations").asInt();
            v.difficultRun = record.path("difficultRun").asInt();
            v.negativeMinutes = record.path("negativeMinutes").asInt();
            v.suggestion = record.path("suggestion").asText(null);
        }
        v.open = !record.path("phase").asText().equals("closed");
        if (v.open) {
            open.put(episode, v);
            if (open.size() > MAX_INSIGHTS) {
                open.remove(open.keySet().iterator().next());
            }
        }
        return json(v);
    }

    private static int strainRank(String level) {
        return switch (level) {
            case "high" -> 2;
            case "elevated" -> 1;
            default -> 0;
        };
    }

    /** The tenant's open insights, oldest change first, as a JSON array. */
    public synchronized String insights(String tenant) {
        LinkedHashMap<String, InsightView> open = insights.get(tenant);
        return json(open == null ? List.of() : new ArrayList<>(open.values()));
    }

    /** Drops the least recently changed conversation below watch, or else the least recent one. */
    private static void evictOne(LinkedHashMap<String, ConversationView> conversations) {
        var it = conversations.values().iterator();
        while (it.hasNext()) {
            if (!it.next().visible()) {
                it.remove();
                return;
            }
        }
        conversations.remove(conversations.keySet().iterator().next());
    }

    private static void checkTimes(JsonNode record) {
        instant(record.path("ts"));
        for (JsonNode e : record.path("evidence")) {
            instant(e.path("ts"));
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void escalation(ConversationView v, JsonNode d) {
        String level = d.path("level").asText();
        v.previousLevel = d.path("previousLevel").asText(null);
        v.level = level.equals("recovered") ? "none" : level;
        if (level.equals("recovered")) {
            v.ackBy = null;
            v.ackAt = 0;
        }
        v.language = d.path("language").asText(v.language);
        v.reasons = new ArrayList<>();
        d.path("reasons").forEach(r -> v.reasons.add(r.asText()));
        v.evidence = new ArrayList<>();
        for (JsonNode e : d.path("evidence")) {
            v.evidence.add(
                    new ConversationView.EvidenceLine(
                            e.path("messageId").asText(),
                            instant(e.path("ts")),
                            e.path("label").asText(),
                            e.path("score").asDouble(),
                            e.path("excerpt").asText(null),
                            e.path("secondOpinion").asBoolean(false)));
        }
        v.escalatedAt = instant(d.path("ts"));
        v.policy = d.at("/policy/name").asText(null);
        v.customerSentiment = d.path("customerSentiment").asDouble();
    }

    private static void score(ConversationView v, JsonNode s) {
        long ts = instant(s.path("ts"));
        switch (s.path("role").asText()) {
            case "agent" -> v.lastAgentAt = Math.max(v.lastAgentAt, ts);
            case "customer" -> {
                v.lastCustomerAt = Math.max(v.lastCustomerAt, ts);
                if (s.at("/sentiment/supported").asBoolean(true)) {
                    v.trend.add(
                            new ConversationView.TrendPoint(
                                    ts, s.at("/sentiment/score").asDouble()));
                    if (v.trend.size() > TREND_POINTS) {
                        v.trend.remove(0);
                    }
                }
            }
            default -> {}
        }
    }

    private static long instant(JsonNode ts) {
        if (ts.isNumber()) {
            return ts.asLong();
        }
        if (!ts.isTextual()) {
            return 0;
        }
        try {
            return java.time.Instant.parse(ts.asText()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable time");
        }
    }

    private static LinkedHashMap<String, ConversationView> lru() {
        return new LinkedHashMap<>();
    }

    /** The tenant's conversations a supervisor sees now (level watch or above), as a JSON array. */
    public synchronized String visible(String tenant) {
        List<ConversationView> out = new ArrayList<>();
        LinkedHashMap<String, ConversationView> conversations = tenants.get(tenant);
        if (conversations != null) {
            for (ConversationView v : conversations.values()) {
                if (v.visible()) {
                    out.add(v);
                }
            }
        }
        return json(out);
    }

    /** One conversation of the tenant as JSON, or null (also for another tenant's conversation). */
    public synchronized String conversation(String tenant, String conversationId) {
        LinkedHashMap<String, ConversationView> conversations = tenants.get(tenant);
        ConversationView v = conversations == null ? null : conversations.get(conversationId);
        return v == null ? null : json(v);
    }

    /** Whether the tenant has this conversation on the board now (an acknowledgement needs one). */
    public synchronized boolean isVisible(String tenant, String conversationId) {
        LinkedHashMap<String, ConversationView> conversations = tenants.get(tenant);
        ConversationView v = conversations == null ? null : conversations.get(conversationId);
        return v != null && v.visible();
    }
}
