package dev.switchboard.operators.escalation;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Which customer turns could move a conversation's escalation level by their sentiment, told from
 * the conversation's last two customer turns alone, before the conversation state sees them: the
 * turns worth a second opinion whatever the fast model's confidence ({@code ReadMeaning}).
 *
 * <p>Under {@link EscalationRules} every rise on sentiment needs two of the last three customer
 * turns to lean negative ({@link EscalationPolicy#leanBelow()}; a run of two negative turns, or
 * repeated negativity), unless a policy watches on one negative turn ({@code watchStreak} 1). So a
 * turn is decisive when it leans negative after one of the two before it did, or comes after two
 * that did (then its own reading decides whether the negativity goes on). Calm conversations have
 * few; a complaint's first angry line is not one, its second is. The rules need more (the weighted
 * sentiment, the cooldown), so a decisive turn may still move nothing: this errs towards asking,
 * and {@code EscalationPolicyTest} checks on random conversations that no rise on sentiment comes
 * on a turn that is not decisive.
 *
 * <p>The thresholds are those of the conversation's tenant's live policy: published on the policies
 * topic ({@link #live}, read from the caller's broadcast state), else configured, else the job's
 * default; so a change applies to the marks as it does to the decisions, without a restart.
 */
public final class DecisiveTurns implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The state of a conversation none of whose last two customer turns leaned negative. */
    public static final int CALM = 0;

    private static final int LATEST = 1;
    private static final int BOTH = 3;

    private final EscalationPolicy defaults;
    private final HashMap<String, TenantPolicies> configured;

    private DecisiveTurns(EscalationPolicy defaults, Map<String, TenantPolicies> configured) {
        this.defaults = defaults;
        this.configured = new HashMap<>(configured);
    }

    /**
     * @param defaults the policy of tenants without their own
     * @param liveByTenant tenants' own live policies
     */
    public static DecisiveTurns of(
            EscalationPolicy defaults, Map<String, EscalationPolicy> liveByTenant) {
        Map<String, TenantPolicies> configured = new HashMap<>();
        liveByTenant.forEach(
                (tenant, live) -> configured.put(tenant, new TenantPolicies(live, null)));
        return new DecisiveTurns(defaults, configured);
    }

    /**
     * @param defaults the policy of tenants without their own
     * @param configured tenants' policies from configuration files (only the live ones count)
     */
    public static DecisiveTurns configured(
            EscalationPolicy defaults, Map<String, TenantPolicies> configured) {
        return new DecisiveTurns(defaults, configured);
    }

    /**
     * The tenants' configured policies, over which published ones apply ({@link
     * TenantPolicies#apply}).
     */
    public Map<String, TenantPolicies> configured() {
        return Collections.unmodifiableMap(configured);
    }

    /**
     * The live policy of {@code tenant}: {@code published} (the tenant's entry in the policies
     * broadcast state, may be null), else configured, else the default.
     */
    public EscalationPolicy live(String tenant, TenantPolicies published) {
        return published != null ? TenantPolicies.liveOr(published, defaults) : policy(tenant);
    }

    /**
     * @param recent the conversation's last two customer turns, as {@link #after} left them ({@link
     *     #CALM} for a new conversation)
     * @return whether a customer turn of {@code tenant} scored {@code score} could move its
     *     conversation's escalation level
     */
    public boolean isDecisive(String tenant, double score, int recent) {
        return isDecisiveUnder(policy(tenant), score, recent);
    }

    /** {@link #isDecisive(String, double, int)} under the policy {@code p}. */
    public static boolean isDecisiveUnder(EscalationPolicy p, double score, int recent) {
        if (p.watchStreak <= 1 && p.isNegativeTurn(score)) {
            return true;
        }
        return recent == BOTH || score <= p.leanBelow() && recent != CALM;
    }

    /**
     * @return {@code recent} with a customer turn scored {@code score} added as the latest: one bit
     *     per turn, whether it leaned negative
     */
    public int after(String tenant, double score, int recent) {
        return afterUnder(policy(tenant), score, recent);
    }

    /** {@link #after(String, double, int)} under the policy {@code p}. */
    public static int afterUnder(EscalationPolicy p, double score, int recent) {
        int leaning = score <= p.leanBelow() ? LATEST : 0;
        return ((recent << 1) | leaning) & BOTH;
    }

    private EscalationPolicy policy(String tenant) {
        return TenantPolicies.liveOr(tenant == null ? null : configured.get(tenant), defaults);
    }
}
