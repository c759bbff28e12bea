package dev.switchboard.operators.escalation;

import java.util.Objects;

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
    public boolean equals(Object o) {
        return o instanceof TenantPolicies t
                && Objects.equals(live, t.live)
                && Objects.equals(shadow, t.shadow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(live, shadow);
    }

    @Override
    public String toString() {
        return "TenantPolicies{live=" + live + ", shadow=" + shadow + "}";
    }
}
