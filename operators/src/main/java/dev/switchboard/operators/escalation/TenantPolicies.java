package dev.switchboard.operators.escalation;

import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import java.io.Serializable;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * A tenant's escalation policies, the value of the policies broadcast state: the live one (null:
 * the job's default) and an optional shadow candidate. Evolution rule as for state.
 *
 * <p>Published policies are broadcast to every instance and kept in broadcast state, so they
 * survive restarts, and a restart with other policy files does not undo a published change. A
 * change applies from the next update of each conversation and keeps its level and evidence:
 * thresholds change, the episode does not restart. What a removed shadow policy left is dropped
 * when the conversation closes or by the TTL.
 *
 * <p>Serializable as well as a POJO: the operators that read tenants' policies carry the configured
 * ones ({@code --tenant-policy} files) in their function objects, which Flink ships to the task
 * managers by Java serialization.
 */
public class TenantPolicies implements Serializable {
    private static final long serialVersionUID = 1L;

    public EscalationPolicy live;
    public EscalationPolicy shadow;

    public TenantPolicies() {}

    public TenantPolicies(EscalationPolicy live, EscalationPolicy shadow) {
        this.live = live;
        this.shadow = shadow;
    }

    /**
     * The policies after {@code update}: a live policy replaces the live one, or, when removed,
     * falls back to the tenant's configured one ({@code fromConfig}, may be null), else the job's
     * default (null); a shadow policy replaces or removes the shadow. {@code current} is not
     * changed: broadcast state is replaced, never changed in place.
     */
    public static TenantPolicies after(
            PolicyUpdate update, TenantPolicies current, TenantPolicies fromConfig) {
        TenantPolicies next =
                current == null
                        ? new TenantPolicies()
                        : new TenantPolicies(current.live, current.shadow);
        if (update.mode == PolicyMode.LIVE) {
            next.live =
                    update.policy != null
                            ? update.policy
                            : fromConfig == null ? null : fromConfig.live;
        } else {
            next.shadow = update.policy;
        }
        return next;
    }

    /**
     * Applies {@code update} to the broadcast state {@code published}, over the tenant's configured
     * policies ({@code configured}, by tenant): what every operator that reads tenants' policies
     * does with a policy record.
     */
    public static void apply(
            BroadcastState<String, TenantPolicies> published,
            PolicyUpdate update,
            Map<String, TenantPolicies> configured)
            throws Exception {
        TenantPolicies current =
                published.contains(update.tenant)
                        ? published.get(update.tenant)
                        : configured.get(update.tenant);
        published.put(update.tenant, after(update, current, configured.get(update.tenant)));
    }

    /** The tenant's policies: published, else configured; null for neither. */
    public static TenantPolicies of(
            String tenant,
            ReadOnlyBroadcastState<String, TenantPolicies> published,
            Map<String, TenantPolicies> configured)
            throws Exception {
        TenantPolicies policies = published.get(tenant);
        return policies != null ? policies : configured.get(tenant);
    }

    /** The live policy of {@code policies} (may be null), else {@code defaultPolicy}. */
    public static EscalationPolicy liveOr(TenantPolicies policies, EscalationPolicy defaultPolicy) {
        return policies == null || policies.live == null ? defaultPolicy : policies.live;
    }

    /** The tenant's live policy: published, else configured, else {@code defaultPolicy}. */
    public static EscalationPolicy live(
            String tenant,
            ReadOnlyBroadcastState<String, TenantPolicies> published,
            Map<String, TenantPolicies> configured,
            EscalationPolicy defaultPolicy)
            throws Exception {
        return liveOr(of(tenant, published, configured), defaultPolicy);
    }

    @Override
    public String toString() {
        return "TenantPolicies{live=" + live + ", shadow=" + shadow + "}";
    }
}
