package dev.switchboard.operators.escalation;

import java.io.Serializable;
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
 * <p>The thresholds are those of the policies configured when the job starts (the default and each
 * tenant's live one); a policy changed later on the policies topic is not seen here until the job
 * restarts with it.
 */
public final class DecisiveTurns implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The state of a conversation none of whose last two customer turns leaned negative. */
    public static final int CALM = 0;

    private static final int LATEST = 1;
    private static final int BOTH = 3;

    private final EscalationPolicy defaults;
    private final HashMap<String, EscalationPolicy> byTenant;

    private DecisiveTurns(EscalationPolicy defaults, Map<String, EscalationPolicy> byTenant) {
        this.defaults = defaults;
        this.byTenant = new HashMap<>(byTenant);
    }

    /**
     * @param defaults the policy of tenants without their own
     * @param liveByTenant tenants' own live policies
     */
    public static DecisiveTurns of(
            EscalationPolicy defaults, Map<String, EscalationPolicy> liveByTenant) {
        return new DecisiveTurns(defaults, liveByTenant);
    }

    /**
     * @param recent the conversation's last two customer turns, as {@link #after} left them ({@link
     *     #CALM} for a new conversation)
     * @return whether a customer turn of {@code tenant} scored {@code score} could move its
     *     conversation's escalation level
     */
    public boolean isDecisive(String tenant, double score, int recent) {
        EscalationPolicy p = policy(tenant);
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
        int leaning = score <= policy(tenant).leanBelow() ? LATEST : 0;
        return ((recent << 1) | leaning) & BOTH;
    }

    private EscalationPolicy policy(String tenant) {
        EscalationPolicy p = tenant == null ? null : byTenant.get(tenant);
        return p != null ? p : defaults;
    }
}
