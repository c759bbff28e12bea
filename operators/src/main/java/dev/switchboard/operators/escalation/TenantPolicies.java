package dev.switchboard.operators.escalation;

/**
 * A tenant's escalation policies, the value of the policies broadcast state: the live one (null:
 * the job's default) and an optional shadow candidate. Evolution rule as for state.
 */
public class TenantPolicies {
    public EscalationPolicy live;
    public EscalationPolicy shadow;

    public TenantPolicies() {}

    public TenantPolicies(EscalationPolicy live, EscalationPolicy shadow) {
        this.live = live;
        this.shadow = shadow;
    }

    @Override
    public String toString() {
        return "TenantPolicies{live=" + live + ", shadow=" + shadow + "}";
    }
}
