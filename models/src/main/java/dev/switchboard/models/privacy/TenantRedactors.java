package dev.switchboard.models.privacy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Redactor} per tenant: the deployment's national-id patterns, plus each tenant's own (a
 * tenant in Spain adds DNI numbers, one in the US SSNs). Immutable and serialisable, so a Flink
 * function carries it; built once, looked up per decision.
 */
public final class TenantRedactors implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Redactor common;
    private final HashMap<String, Redactor> byTenant = new HashMap<>();
    private final Redactor union;
    private final HashSet<String> nerTenants;

    public TenantRedactors(List<String> commonPatterns, Map<String, List<String>> tenantPatterns) {
        this(EnumSet.allOf(NationalIdRule.class), commonPatterns, tenantPatterns, Set.of());
    }

    /**
     * @param rules the built-in national-id rules applied for every tenant
     * @param commonPatterns national-id patterns redacted for every tenant
     * @param tenantPatterns further patterns by tenant
     * @param nerTenants tenants whose text also goes through {@link CoreNlpNames} (slow: decision
     *     evidence only)
     * @throws IllegalStateException when {@code nerTenants} is not empty and CoreNLP's models jar
     *     is missing
     */
    public TenantRedactors(
            Set<NationalIdRule> rules,
            List<String> commonPatterns,
            Map<String, List<String>> tenantPatterns,
            Set<String> nerTenants) {
        this.nerTenants = new HashSet<>(nerTenants);
        if (!nerTenants.isEmpty()) {
            CoreNlpNames.requireAvailable();
        }
        this.common = new Redactor(commonPatterns, rules);
        LinkedHashSet<String> all = new LinkedHashSet<>(commonPatterns);
        for (Map.Entry<String, List<String>> t : tenantPatterns.entrySet()) {
            List<String> patterns = new ArrayList<>(commonPatterns);
            patterns.addAll(t.getValue());
            byTenant.put(t.getKey(), new Redactor(patterns, rules));
            all.addAll(t.getValue());
        }
        this.union = new Redactor(new ArrayList<>(all), rules);
    }

    /** The redactor for {@code tenant}'s text. */
    public Redactor forTenant(String tenant) {
        Redactor r = tenant == null ? null : byTenant.get(tenant);
        return r != null ? r : common;
    }

    /**
     * {@code text} of {@code tenant} redacted: the tenant's rules, then, for tenants that asked for
     * it, the person names CoreNLP's NER finds.
     */
    public String redact(String tenant, String text) {
        String out = forTenant(tenant).redact(text);
        return tenant != null && nerTenants.contains(tenant) ? CoreNlpNames.redact(out) : out;
    }

    /**
     * The redacted start of {@code tenant}'s text as decision evidence ({@link Redactor#excerpt}),
     * then, for tenants that asked for it, without the person names CoreNLP's NER finds.
     */
    public String excerpt(String tenant, String text, int maxChars) {
        String out = forTenant(tenant).excerpt(text, maxChars);
        return tenant != null && nerTenants.contains(tenant) ? CoreNlpNames.redact(out) : out;
    }

    /**
     * Every tenant's patterns at once: for text whose tenant is not known, such as a dead letter
     * that could not be parsed.
     */
    public Redactor union() {
        return union;
    }
}
