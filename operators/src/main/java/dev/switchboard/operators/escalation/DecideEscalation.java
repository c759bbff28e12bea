package dev.switchboard.operators.escalation;

import dev.switchboard.models.privacy.Redactor;
import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;
import dev.switchboard.operators.records.RecordIds;
import java.time.Duration;
import java.util.ArrayList;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decides a conversation's escalation level (key {@code tenant/conversationId}) from its customer
 * updates, by the rules of an {@link EscalationPolicy}, and emits an {@link EscalationDecision} on
 * every level change.
 *
 * <p>State: one {@link EscalationState} (level, last recovery time, the last three customer
 * messages as evidence, with excerpts that are redacted when a decision is published). Cleared when the conversation closes; a processing-time TTL bounds it
 * otherwise. Customer messages and waiting timers move the level; agent and bot messages, and
 * customer messages in an unsupported language without a request, do not. Decision ids are derived from the triggering message, so a replay emits the same
 * ids.
 */
public class DecideEscalation extends KeyedProcessFunction<String, ConversationUpdate, EscalationDecision> {
    static final String STATE_NAME = "escalation";

    private final EscalationPolicy policy;
    private final Redactor redactor;
    private final Duration stateTtl;
    private transient ValueState<EscalationState> state;

    public DecideEscalation(EscalationPolicy policy, Redactor redactor, Duration stateTtl) {
        this.policy = policy;
        this.redactor = redactor;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<EscalationState> descriptor = new ValueStateDescriptor<>(STATE_NAME, EscalationState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        state = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(ConversationUpdate u, Context ctx, Collector<EscalationDecision> out) throws Exception {
        if (u.closed) {
            state.clear();
            return;
        }
        boolean customerMessage = u.role == SpeakerRole.CUSTOMER && (u.supported || u.escalationRequest != EscalationRequest.NONE);
        if (!customerMessage && !u.waitTimer) {
            return;
        }
        EscalationState s = state.value();
        if (s == null) {
            s = new EscalationState();
        }
        if (customerMessage) {
            s.recent.add(new Evidence(u.messageId, u.ts, u.label, u.score, u.excerpt));
            if (s.recent.size() > EscalationPolicy.EVIDENCE_SIZE) {
                s.recent.remove(0);
            }
        }
        EscalationPolicy.Transition t = policy.evaluate(s, u);
        if (t != null) {
            out.collect(decision(u, s, t));
            if (t.level() == EscalationLevel.RECOVERED) {
                s.level = EscalationLevel.NONE;
                s.recoveredAt = u.ts;
            } else {
                s.level = t.level();
            }
        }
        state.update(s);
    }

    private EscalationDecision decision(ConversationUpdate u, EscalationState s, EscalationPolicy.Transition t) {
        EscalationDecision d = new EscalationDecision();
        // A wait has no message; its timer's time names it just as uniquely.
        String trigger = u.waitTimer ? "wait@" + u.ts : u.messageId;
        d.id = RecordIds.of("escalation", u.tenant, u.conversationId, t.level().name(), trigger);
        d.tenant = u.tenant;
        d.conversationId = u.conversationId;
        d.customerId = u.customerId;
        d.channel = u.channel;
        d.level = t.level();
        d.previousLevel = s.level;
        d.reasons = new ArrayList<>(t.reasons());
        // Redacted here, when a decision is published, not on every message: decisions are rare.
        d.evidence = new ArrayList<>(s.recent.size());
        for (Evidence e : s.recent) {
            d.evidence.add(new Evidence(e.messageId, e.ts, e.label, e.score, redactor.redact(e.excerpt)));
        }
        d.messageId = u.messageId;
        d.request = u.escalationRequest == null ? EscalationRequest.NONE : u.escalationRequest;
        d.waitingMs = u.waitingMs;
        d.policy = policy.name;
        d.policyVersion = policy.version;
        d.customerSentiment = u.customerSentiment;
        d.ts = u.ts;
        d.decidedAt = System.currentTimeMillis();
        return d;
    }
}
