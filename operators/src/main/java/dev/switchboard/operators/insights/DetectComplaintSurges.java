package dev.switchboard.operators.insights;

import dev.switchboard.operators.accounting.SwitchboardMetrics;
import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.escalation.TenantPolicies;
import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.Insight;
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
 * Complaint surges per tenant and topic (key {@code tenant/topic}): complaints are put in
 * event-time order ({@link EventTimeOrder}: each minute's once the watermark has passed it) and
 * counted by {@link SurgeDetector}, which opens, grows and closes surges; while one is open an
 * event-time timer at each minute's end lets it close without further complaints. Thresholds come
 * from the tenant's live policy ({@link InsightPolicy}), kept as {@link DecideEscalation} keeps
 * them; a tenant with surges off has its complaints counted as skipped and nothing kept.
 *
 * <p>State: one {@link SurgeState} per tenant and topic, at most about 1.3 KB (measured, {@code
 * InsightStateSizeTest}), expiring {@link #STATE_TTL} after its last complaint (the baseline is
 * forgotten with it), and the complaints of the minutes the watermark has not passed yet.
 */
public class DetectComplaintSurges extends TenantInsightFunction<ComplaintSignal> {
    /** State names map savepoint state: never rename one. */
    static final String STATE_NAME = "complaint-surge";

    static final String PENDING_STATE_NAME = "complaints-pending";

    static final Duration STATE_TTL = Duration.ofDays(30);

    private transient ValueState<SurgeState> surges;
    private transient EventTimeOrder<ComplaintSignal> order;
    private transient Counter counted;
    private transient Counter skipped;

    public DetectComplaintSurges(
            EscalationPolicy defaultPolicy, Map<String, TenantPolicies> configured) {
        super(defaultPolicy, configured);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        ValueStateDescriptor<SurgeState> descriptor =
                new ValueStateDescriptor<>(STATE_NAME, SurgeState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(STATE_TTL).build());
        surges = getRuntimeContext().getState(descriptor);
        ListStateDescriptor<ComplaintSignal> pending =
                new ListStateDescriptor<>(PENDING_STATE_NAME, ComplaintSignal.class);
        pending.enableTimeToLive(StateTtlConfig.newBuilder(STATE_TTL).build());
        order = new EventTimeOrder<>(getRuntimeContext().getListState(pending), c -> c.ts);
        counted = SwitchboardMetrics.counter(getRuntimeContext(), "complaintsCounted");
        skipped = SwitchboardMetrics.counter(getRuntimeContext(), "complaintsSkipped");
    }

    @Override
    public void processElement(ComplaintSignal c, ReadOnlyContext ctx, Collector<Insight> out)
            throws Exception {
        InsightPolicy policy = policyOf(c.tenant, ctx);
        if (!policy.surges) {
            skipped.inc();
            surges.clear();
            return;
        }
        if (order.holdUntilDue(c, ctx.timerService())) {
            record(List.of(c), policy, ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Insight> out)
            throws Exception {
        List<ComplaintSignal> due = order.due(timestamp);
        SurgeState s = surges.value();
        String tenant = !due.isEmpty() ? due.get(0).tenant : s == null ? null : s.tenant;
        if (tenant == null) {
            return;
        }
        InsightPolicy policy = policyOf(tenant, ctx);
        if (!due.isEmpty()) {
            if (!policy.surges) {
                skipped.inc(due.size());
                return;
            }
            record(due, policy, ctx, out);
            s = surges.value();
        }
        if (s != null && (s.open || !s.examples.isEmpty())) {
            emit(SurgeDetector.minuteEnded(s, timestamp, policy), out);
            surges.update(s);
            keepTicking(s, ctx, timestamp);
        }
    }

    private void record(
            List<ComplaintSignal> complaints,
            InsightPolicy policy,
            ReadOnlyContext ctx,
            Collector<Insight> out)
            throws Exception {
        SurgeState s = surges.value();
        if (s == null) {
            s = new SurgeState();
        }
        for (ComplaintSignal c : complaints) {
            counted.inc();
            emit(SurgeDetector.record(s, c, policy), out);
        }
        surges.update(s);
        keepTicking(s, ctx, Long.MIN_VALUE);
    }

    /**
     * While a surge is open, the end of each minute may close it; otherwise the oldest example is
     * dropped when it is an hour old, even if the topic has no complaint by then.
     */
    private static void keepTicking(SurgeState s, ReadOnlyContext ctx, long firing) {
        long at =
                s.open
                        ? SurgeDetector.endOfHeadMinute(s)
                        : s.examples.isEmpty() ? Long.MIN_VALUE : SurgeDetector.examplesExpireAt(s);
        // Only later than the timer firing now: one at its time would fire again and again
        // (records at the end of time; the state's TTL takes care of those).
        if (at > firing) {
            ctx.timerService().registerEventTimeTimer(at);
        }
    }
}
