package dev.switchboard.operators.insights;

import dev.switchboard.operators.accounting.SwitchboardMetrics;
import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.escalation.TenantPolicies;
import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.StrainLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Agent strain per tenant and agent (key {@code tenant/agentId}): signals are put in event-time
 * order ({@link EventTimeOrder}) and go to {@link StrainMeter}; while the agent's strain is raised
 * an event-time timer at each 10-minute step lets it fall as the shift window slides, even when the
 * agent takes no more contacts. Thresholds and the off switch come from the tenant's live policy.
 * No message text reaches this operator.
 *
 * <p>State: one {@link StrainState} per agent, about 700 bytes, dropped once nothing in it can
 * raise strain again, and expiring {@link #STATE_TTL} after its last write.
 */
public class WatchAgentStrain extends TenantInsightFunction<AgentSignal> {
    /** State names map savepoint state: never rename one. */
    static final String STATE_NAME = "agent-strain";

    static final String PENDING_STATE_NAME = "agent-signals-pending";

    static final Duration STATE_TTL = Duration.ofHours(12);

    private transient ValueState<StrainState> strain;
    private transient EventTimeOrder<AgentSignal> order;
    private transient Counter skipped;

    public WatchAgentStrain(
            EscalationPolicy defaultPolicy, Map<String, TenantPolicies> configured) {
        super(defaultPolicy, configured);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        ValueStateDescriptor<StrainState> descriptor =
                new ValueStateDescriptor<>(STATE_NAME, StrainState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(STATE_TTL).build());
        strain = getRuntimeContext().getState(descriptor);
        ListStateDescriptor<AgentSignal> pending =
                new ListStateDescriptor<>(PENDING_STATE_NAME, AgentSignal.class);
        pending.enableTimeToLive(StateTtlConfig.newBuilder(STATE_TTL).build());
        order = new EventTimeOrder<>(getRuntimeContext().getListState(pending), a -> a.ts);
        skipped = SwitchboardMetrics.counter(getRuntimeContext(), "agentSignalsSkipped");
    }

    @Override
    public void processElement(AgentSignal signal, ReadOnlyContext ctx, Collector<Insight> out)
            throws Exception {
        if (order.holdUntilDue(signal, ctx.timerService())) {
            record(List.of(signal), ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Insight> out)
            throws Exception {
        List<AgentSignal> due = order.due(timestamp);
        if (!due.isEmpty()) {
            record(due, ctx, out);
        }
        StrainState s = strain.value();
        if (s == null) {
            return;
        }
        InsightPolicy policy = policyOf(s.tenant, ctx);
        emit(StrainMeter.timePassed(s, timestamp, policy), out);
        keep(s, policy, ctx, timestamp);
    }

    private void record(List<AgentSignal> signals, ReadOnlyContext ctx, Collector<Insight> out)
            throws Exception {
        InsightPolicy policy = policyOf(signals.get(0).tenant, ctx);
        StrainState s = strain.value();
        if (!policy.agentStrain) {
            skipped.inc(signals.size());
            if (s != null) {
                // Turned off while raised: the board must not keep showing it.
                emit(StrainMeter.turnedOff(s, signals.get(0).ts), out);
                strain.clear();
            }
            return;
        }
        if (s == null) {
            s = new StrainState();
        }
        for (AgentSignal signal : signals) {
            emit(StrainMeter.record(s, signal, policy), out);
        }
        keep(s, policy, ctx, Long.MIN_VALUE);
    }

    private void keep(StrainState s, InsightPolicy policy, ReadOnlyContext ctx, long firing)
            throws Exception {
        if (StrainMeter.idle(s, policy)) {
            strain.clear();
            return;
        }
        strain.update(s);
        long next = StrainMeter.nextSlide(s);
        // Only later than a timer firing now: one at its time would fire again and again.
        if (s.level != StrainLevel.NONE && next > firing) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }
}
