package dev.switchboard.operators.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.ErasureReceipt;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.Evidence;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.InsightExample;
import dev.switchboard.operators.records.PriorContact;
import dev.switchboard.operators.records.ReasonCode;
import dev.switchboard.operators.records.RoutingDecision;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.operators.records.StrainReason;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of every output record, field by field as docs/contract.md lists them. Written with
 * Jackson's streaming generator: no reflection, and the field names are the contract, not whatever
 * a Java field happens to be called. Times are ISO-8601 instants; enums are lower-case.
 */
public final class OutputJson {
    public static final int CONTRACT_VERSION = 1;

    private OutputJson() {}

    public static void score(ScoredMessage m, JsonGenerator j) throws IOException {
        header(j, m.id, "score", m.tenant, m.conversationId);
        j.writeStringField("messageId", m.messageId);
        optional(j, "customerId", m.customerId);
        j.writeStringField("channel", m.channel.wireName());
        j.writeStringField("role", lower(m.role));
        optional(j, "agentId", m.agentId);
        optional(j, "language", m.language);
        j.writeObjectFieldStart("sentiment");
        j.writeStringField("label", m.sentiment.label.wireName());
        j.writeNumberField("score", round(m.sentiment.score));
        j.writeNumberField("confidence", round(m.sentiment.confidence));
        j.writeBooleanField("supported", m.sentiment.supported);
        model(j, m.sentiment.model);
        j.writeEndObject();
        times(j, m.ts, m.decidedAt);
    }

    /**
     * {@code "model": {"name": ..., "version": ...}} from a model id {@code name@version}; nothing
     * when the id is null (a decision made before any message was scored).
     */
    private static final String HEAD_SEPARATOR = "+head@";

    private static void model(JsonGenerator j, String id) throws IOException {
        if (id == null) {
            return;
        }
        // An intent read by the meaning tier names the hashed model and the embedding head beside
        // it: "customer-service@66d9f894559a+head@1c2b3a4d5e6f".
        int head = id.indexOf(HEAD_SEPARATOR);
        String base = head < 0 ? id : id.substring(0, head);
        int at = base.lastIndexOf('@');
        j.writeObjectFieldStart("model");
        j.writeStringField("name", at < 0 ? base : base.substring(0, at));
        j.writeStringField("version", at < 0 ? "" : base.substring(at + 1));
        if (head >= 0) {
            j.writeStringField("head", id.substring(head + HEAD_SEPARATOR.length()));
        }
        j.writeEndObject();
    }

    public static void escalation(EscalationDecision d, JsonGenerator j) throws IOException {
        header(j, d.id, "escalation", d.tenant, d.conversationId);
        optional(j, "customerId", d.customerId);
        j.writeStringField("channel", d.channel == null ? null : d.channel.wireName());
        j.writeStringField("level", lower(d.level));
        j.writeStringField("previousLevel", lower(d.previousLevel));
        j.writeArrayFieldStart("reasons");
        for (ReasonCode r : d.reasons) {
            j.writeString(r.name());
        }
        j.writeEndArray();
        j.writeArrayFieldStart("evidence");
        for (Evidence e : d.evidence) {
            j.writeStartObject();
            j.writeStringField("messageId", e.messageId);
            IsoTimestamps.writeField(j, "ts", e.ts);
            j.writeStringField("label", e.label == null ? null : e.label.wireName());
            j.writeNumberField("score", round(e.score));
            optional(j, "excerpt", e.excerpt);
            if (e.secondOpinion) {
                j.writeBooleanField("secondOpinion", true);
            }
            j.writeEndObject();
        }
        j.writeEndArray();
        optional(j, "messageId", d.messageId);
        if (d.request != null && d.request != EscalationRequest.NONE) {
            j.writeStringField("request", lower(d.request));
        }
        if (d.waitingMs > 0) {
            j.writeNumberField("waitingSeconds", d.waitingMs / 1000);
        }
        optional(j, "language", d.language);
        j.writeNumberField("customerSentiment", round(d.customerSentiment));
        j.writeObjectFieldStart("policy");
        j.writeStringField("name", d.policy);
        j.writeNumberField("version", d.policyVersion);
        j.writeStringField("mode", d.shadow ? "shadow" : "live");
        j.writeEndObject();
        model(j, d.sentimentModel);
        times(j, d.ts, d.decidedAt);
    }

    public static void routing(RoutingDecision d, JsonGenerator j) throws IOException {
        header(j, d.id, "routing", d.tenant, d.conversationId);
        optional(j, "customerId", d.customerId);
        j.writeStringField("channel", d.channel == null ? null : d.channel.wireName());
        j.writeStringField("intent", d.intent);
        j.writeNumberField("intentConfidence", round(d.intentConfidence));
        model(j, d.intentModel);
        optional(j, "language", d.language);
        strings(j, "skills", d.skills);
        j.writeStringField("queue", d.queue);
        if (d.expectedWaitSeconds >= 0) {
            j.writeNumberField("expectedWaitSeconds", round(d.expectedWaitSeconds));
        }
        j.writeNumberField("priority", d.priority);
        j.writeStringField("level", lower(d.level));
        strings(j, "reasons", d.reasons);
        j.writeArrayFieldStart("history");
        for (PriorContact c : d.history) {
            j.writeStartObject();
            j.writeStringField("conversationId", c.conversationId);
            j.writeStringField("channel", c.channel == null ? null : c.channel.wireName());
            optional(j, "intent", c.intent);
            j.writeNumberField("closingSentiment", round(c.closingSentiment));
            j.writeStringField("closingLevel", lower(c.closingLevel));
            j.writeStringField("peakLevel", lower(c.peakLevel));
            IsoTimestamps.writeField(j, "closedAt", c.closedAt);
            j.writeEndObject();
        }
        j.writeEndArray();
        times(j, d.ts, d.decidedAt);
    }

    public static void summary(ConversationSummary s, JsonGenerator j) throws IOException {
        header(j, s.id, "conversation.summary", s.tenant, s.conversationId);
        optional(j, "customerId", s.customerId);
        j.writeStringField("channel", s.channel == null ? null : s.channel.wireName());
        optional(j, "queue", s.queue);
        optional(j, "customerTier", s.customerTier);
        optional(j, "intent", s.intent);
        optional(j, "language", s.language);
        j.writeStringField("closeReason", lower(s.closeReason));
        IsoTimestamps.writeField(j, "startedAt", s.startedAt);
        IsoTimestamps.writeField(j, "lastActivityAt", s.lastActivityAt);
        j.writeObjectFieldStart("messages");
        j.writeNumberField("customer", s.customerMessages);
        j.writeNumberField("agent", s.agentMessages);
        j.writeNumberField("bot", s.botMessages);
        j.writeNumberField("partialSegmentsSkipped", s.skippedPartials);
        if (s.customerSecondOpinions > 0) {
            j.writeNumberField("customerSecondOpinions", s.customerSecondOpinions);
        }
        j.writeEndObject();
        j.writeObjectFieldStart("customerSentiment");
        j.writeNumberField("mean", round(s.customerSentimentMean));
        j.writeNumberField("final", round(s.customerSentimentFinal));
        j.writeNumberField("min", round(s.customerSentimentMin));
        j.writeEndObject();
        times(j, s.closedAt, s.decidedAt);
    }

    /**
     * A complaint surge or an agent's strain; {@code kind} says which, {@code phase} whether it
     * opened, changed or closed, and {@code episodeId} ties the records of one episode together.
     */
    public static void insight(Insight i, JsonGenerator j) throws IOException {
        j.writeStringField("id", i.id);
        j.writeNumberField("v", CONTRACT_VERSION);
        j.writeStringField("kind", lower(i.kind));
        j.writeStringField("phase", lower(i.phase));
        j.writeStringField("tenant", i.tenant);
        j.writeStringField("episodeId", i.episodeId);
        if (i.kind == Insight.Kind.COMPLAINT_SURGE) {
            j.writeStringField("topic", i.topic);
            window(j, i);
            j.writeNumberField("count", i.count);
            j.writeNumberField("expected", round(i.expected));
            j.writeNumberField("factor", round(i.factor));
            j.writeNumberField("pValue", i.pValue);
            j.writeArrayFieldStart("examples");
            for (InsightExample e : i.examples) {
                j.writeStartObject();
                j.writeStringField("conversationId", e.conversationId);
                optional(j, "excerpt", e.excerpt);
                IsoTimestamps.writeField(j, "ts", e.ts);
                j.writeEndObject();
            }
            j.writeEndArray();
        } else {
            j.writeStringField("agentId", i.agentId);
            j.writeStringField("level", lower(i.level));
            j.writeArrayFieldStart("reasons");
            for (StrainReason r : i.reasons) {
                j.writeString(lower(r));
            }
            j.writeEndArray();
            window(j, i);
            j.writeNumberField("hostileMessages", i.hostileMessages);
            j.writeNumberField("escalatedConversations", i.escalatedConversations);
            j.writeNumberField("difficultRun", i.difficultRun);
            j.writeNumberField("negativeMinutes", i.negativeMinutes);
            optional(j, "suggestion", i.suggestion);
        }
        times(j, i.ts, i.decidedAt);
    }

    private static void window(JsonGenerator j, Insight i) throws IOException {
        j.writeObjectFieldStart("window");
        IsoTimestamps.writeField(j, "start", i.windowStart);
        IsoTimestamps.writeField(j, "end", i.windowEnd);
        j.writeEndObject();
    }

    public static void erasureReceipt(ErasureReceipt r, JsonGenerator j) throws IOException {
        j.writeStringField("id", r.id);
        j.writeNumberField("v", CONTRACT_VERSION);
        j.writeStringField("kind", "erasure.receipt");
        j.writeStringField("requestId", r.requestId);
        j.writeStringField("tenant", r.tenant);
        j.writeStringField("customerId", r.customerId);
        strings(j, "conversationsCleared", r.conversations);
        IsoTimestamps.writeField(j, "ts", r.ts);
        IsoTimestamps.writeField(j, "decidedAt", r.decidedAt);
    }

    public static void deadLetter(DeadLetter d, JsonGenerator j) throws IOException {
        j.writeStringField("id", d.id);
        j.writeNumberField("v", CONTRACT_VERSION);
        j.writeStringField("kind", "dead-letter");
        j.writeStringField("reason", d.reason.name());
        j.writeStringField("detail", d.detail);
        j.writeObjectFieldStart("source");
        j.writeStringField("topic", d.sourceTopic);
        j.writeNumberField("partition", d.sourcePartition);
        j.writeNumberField("offset", d.sourceOffset);
        j.writeEndObject();
        if (d.payloadBase64 != null) {
            j.writeStringField("payloadBase64", d.payloadBase64);
        } else {
            j.writeStringField("payload", d.payload);
        }
        if (d.redacted) {
            j.writeBooleanField("redacted", true);
        }
        IsoTimestamps.writeField(j, "decidedAt", d.decidedAt);
    }

    private static void header(
            JsonGenerator j, String id, String kind, String tenant, String conversationId)
            throws IOException {
        j.writeStringField("id", id);
        j.writeNumberField("v", CONTRACT_VERSION);
        j.writeStringField("kind", kind);
        j.writeStringField("tenant", tenant);
        j.writeStringField("conversationId", conversationId);
    }

    private static void times(JsonGenerator j, long ts, long decidedAt) throws IOException {
        IsoTimestamps.writeField(j, "ts", ts);
        IsoTimestamps.writeField(j, "decidedAt", decidedAt);
    }

    private static void strings(JsonGenerator j, String field, List<String> values)
            throws IOException {
        j.writeArrayFieldStart(field);
        for (String v : values) {
            j.writeString(v);
        }
        j.writeEndArray();
    }

    private static void optional(JsonGenerator j, String field, String value) throws IOException {
        if (value != null) {
            j.writeStringField(field, value);
        }
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    /** Four decimals are plenty for scores and keep the records short. */
    private static double round(double x) {
        return Math.round(x * 10_000.0) / 10_000.0;
    }
}
