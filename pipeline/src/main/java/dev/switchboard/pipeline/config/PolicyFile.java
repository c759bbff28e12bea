package dev.switchboard.pipeline.config;

import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.escalation.PolicyJson;
import dev.switchboard.operators.escalation.TenantPolicies;
import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads escalation policies from JSON files, with {@link PolicyJson}: the job's default policy
 * ({@code --policy}, a bare policy object) and tenants' policies ({@code --tenant-policy}, each a
 * record exactly as on the policies topic, where {@code v} and {@code type} may be left out).
 * Errors name the option and the file.
 *
 * <pre>
 * --policy strict.json:        {"name": "strict", "version": 3, "watchBelow": -0.3, "cooldown": "5min"}
 * --tenant-policy acme.json:   {"tenant": "acme", "mode": "live", "policy": {"name": "acme", "version": 1, "alertStreak": 2}}
 * </pre>
 */
public final class PolicyFile {
    private PolicyFile() {}

    /** The job's default policy. */
    public static EscalationPolicy read(Path file) {
        try {
            return PolicyJson.policy(PolicyJson.tree(text("--policy", file)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--policy: " + file + ": " + e.getMessage());
        }
    }

    /** One tenant's live or shadow policy. */
    public static PolicyUpdate readTenant(Path file) {
        try {
            PolicyUpdate update =
                    PolicyJson.update(
                            PolicyJson.tree(text("--tenant-policy", file)), false, file.toString());
            if (update.policy == null) {
                throw new IllegalArgumentException(
                        "policy must not be null in a file (leave the file out instead)");
            }
            return update;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage().startsWith("--tenant-policy")
                            ? e.getMessage()
                            : "--tenant-policy: " + file + ": " + e.getMessage());
        }
    }

    /**
     * Tenants' policies from files, by tenant; two files for the same tenant and mode are an error.
     */
    public static Map<String, TenantPolicies> readTenants(List<Path> files) {
        Map<String, TenantPolicies> byTenant = new HashMap<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            PolicyUpdate u = readTenant(file);
            Path earlier = seen.put(u.tenant + "/" + u.mode, file);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        "--tenant-policy: "
                                + earlier
                                + " and "
                                + file
                                + " both set the "
                                + u.mode.name().toLowerCase()
                                + " policy of tenant "
                                + u.tenant);
            }
            TenantPolicies t = byTenant.computeIfAbsent(u.tenant, k -> new TenantPolicies());
            if (u.mode == PolicyMode.LIVE) {
                t.live = u.policy;
            } else {
                t.shadow = u.policy;
            }
        }
        return byTenant;
    }

    private static String text(String option, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    option + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
