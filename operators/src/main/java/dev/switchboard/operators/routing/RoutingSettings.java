package dev.switchboard.operators.routing;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Everything routing and per-customer history need, validated: the tenants' configurations and the
 * job-wide rules.
 *
 * @param tenants routing configuration by tenant; a tenant without one gets no routing decisions
 * @param intentMessages the customer messages read for an intent: after this many without a
 *     confident one the conversation is routed with intent {@code unknown}
 * @param minIntentConfidence the probability at which an intent is taken
 * @param queueStaleAfter a queue whose last status is older than this (event time) is unavailable
 * @param customerHistoryTtl how long a customer's past contacts are kept (processing time)
 * @param historySize how many past contacts are kept per customer
 */
public record RoutingSettings(
        Map<String, TenantRouting> tenants,
        int intentMessages,
        double minIntentConfidence,
        Duration queueStaleAfter,
        Duration customerHistoryTtl,
        int historySize)
        implements Serializable {

    public static final RoutingSettings NONE =
            new RoutingSettings(Map.of(), 3, 0.5, Duration.ofMinutes(2), Duration.ofDays(7), 5);

    public RoutingSettings {
        tenants = Map.copyOf(tenants);
        tenants.forEach((tenant, routing) -> routing.validate(tenant));
        if (intentMessages < 1 || intentMessages > 20) {
            throw new IllegalArgumentException("--intent-messages must be in [1, 20]");
        }
        if (!(minIntentConfidence > 0 && minIntentConfidence <= 1)) {
            throw new IllegalArgumentException("--min-intent-confidence must be in (0, 1]");
        }
        if (queueStaleAfter.toMillis() < 1000) {
            throw new IllegalArgumentException("--queue-stale-after must be at least 1s");
        }
        if (customerHistoryTtl.toMillis() < 1000) {
            throw new IllegalArgumentException("--customer-history-ttl must be at least 1s");
        }
        if (historySize < 1 || historySize > 50) {
            throw new IllegalArgumentException("--history-size must be in [1, 50]");
        }
    }

    public RoutingSettings withTenants(Map<String, TenantRouting> other) {
        return new RoutingSettings(
                other,
                intentMessages,
                minIntentConfidence,
                queueStaleAfter,
                customerHistoryTtl,
                historySize);
    }
}
