package dev.switchboard.operators.insights;

import dev.switchboard.operators.accounting.SwitchboardMetrics;
import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.escalation.TenantPolicies;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.PolicyUpdate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * What both insight detectors share: the tenants' policies, kept from the policies broadcast as
 * {@link DecideEscalation} keeps them, each tenant's {@link InsightPolicy} read from its live
 * policy, and the insights published, counted by phase.
 */
abstract class TenantInsightFunction<IN>
        extends KeyedBroadcastProcessFunction<String, IN, PolicyUpdate, Insight> {
    private final EscalationPolicy defaultPolicy;
    private final HashMap<String, TenantPolicies> configured;
    private transient EnumMap<Insight.Phase, Counter> published;

    TenantInsightFunction(EscalationPolicy defaultPolicy, Map<String, TenantPolicies> configured) {
        this.defaultPolicy = defaultPolicy.validate();
        this.configured = new HashMap<>(configured);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        published = SwitchboardMetrics.insightsByPhase(getRuntimeContext());
    }

    final InsightPolicy policyOf(String tenant, ReadOnlyContext ctx) throws Exception {
        return TenantPolicies.live(
                        tenant,
                        ctx.getBroadcastState(DecideEscalation.POLICIES),
                        configured,
                        defaultPolicy)
                .insights();
    }

    final void emit(Insight insight, Collector<Insight> out) {
        if (insight != null) {
            published.get(insight.phase).inc();
            out.collect(insight);
        }
    }

    @Override
    public final void processBroadcastElement(
            PolicyUpdate update, Context ctx, Collector<Insight> out) throws Exception {
        TenantPolicies.apply(ctx.getBroadcastState(DecideEscalation.POLICIES), update, configured);
    }
}
