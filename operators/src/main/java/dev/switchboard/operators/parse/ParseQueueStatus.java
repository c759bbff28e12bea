package dev.switchboard.operators.parse;

import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.escalation.PolicyJson;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.QueueStatus;
import dev.switchboard.operators.routing.QueueStatusJson;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.operators.routing.TenantRouting;

/**
 * Parses and validates records of the queue-status topic. A valid status of a queue in its tenant's
 * catalogue becomes a {@link QueueStatus}; anything else goes, with the reason, to {@link
 * ParseMessage#DEAD_LETTERS}: {@code INVALID_QUEUE_STATUS} for a record that breaks the contract,
 * {@code UNKNOWN_QUEUE} for a tenant without routing or a queue its catalogue does not name (a typo
 * in a feed would otherwise route no one there, silently). Queue statuses hold no customer text, so
 * the payload is kept as it came.
 */
public class ParseQueueStatus extends ParseJsonRecord<QueueStatus> {
    private final RoutingSettings routing;

    public ParseQueueStatus(RoutingSettings routing) {
        super(RecordCount.QUEUE_STATUS_UPDATES, "queue status");
        this.routing = routing;
    }

    @Override
    QueueStatus parse(String json, String source) throws ContractParser.Rejection {
        QueueStatus status;
        try {
            status = QueueStatusJson.parse(PolicyJson.tree(json));
        } catch (IllegalArgumentException e) {
            throw new ContractParser.Rejection(
                    DeadLetterReason.INVALID_QUEUE_STATUS,
                    "queue status rejected: " + e.getMessage());
        }
        TenantRouting tenant = routing.tenants().get(status.tenant);
        if (tenant == null) {
            throw new ContractParser.Rejection(
                    DeadLetterReason.UNKNOWN_QUEUE,
                    "tenant '" + status.tenant + "' has no routing configuration");
        }
        if (!tenant.queues().containsKey(status.queue)) {
            throw new ContractParser.Rejection(
                    DeadLetterReason.UNKNOWN_QUEUE,
                    "queue '"
                            + status.queue
                            + "' is not in the catalogue of tenant '"
                            + status.tenant
                            + "' "
                            + new java.util.TreeSet<>(tenant.queues().keySet()));
        }
        return status;
    }
}
