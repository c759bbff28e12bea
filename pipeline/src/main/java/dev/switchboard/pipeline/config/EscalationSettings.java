package dev.switchboard.pipeline.config;

import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.escalation.TenantPolicies;
import java.util.Map;

/**
 * The escalation policies.
 *
 * @param policy the escalation policy of every tenant without its own
 * @param tenantPolicies tenants' own live and shadow policies, by tenant (the policies topic
 *     overrides them)
 */
public record EscalationSettings(
        EscalationPolicy policy, Map<String, TenantPolicies> tenantPolicies) {
    public EscalationSettings {
        tenantPolicies = Map.copyOf(tenantPolicies);
    }
}
