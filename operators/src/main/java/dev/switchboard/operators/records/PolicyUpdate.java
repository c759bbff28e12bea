package dev.switchboard.operators.records;

import dev.switchboard.operators.escalation.EscalationPolicy;

/**
 * One record of the policies topic (or a {@code --tenant-policy} file), validated: sets or removes
 * the live or shadow escalation policy of one tenant.
 */
public class PolicyUpdate {
    public String tenant;
    public PolicyMode mode = PolicyMode.LIVE;

    /**
     * The new policy; null removes the tenant's policy of this mode (live falls back to the job's).
     */
    public EscalationPolicy policy;

    /** Where the record came from, for logs: topic/partition@offset or the file. */
    public String source;

    public PolicyUpdate() {}

    public PolicyUpdate(String tenant, PolicyMode mode, EscalationPolicy policy, String source) {
        this.tenant = tenant;
        this.mode = mode;
        this.policy = policy;
        this.source = source;
    }

    @Override
    public String toString() {
        return "PolicyUpdate{"
                + tenant
                + " "
                + mode
                + " "
                + (policy == null ? "removed" : policy.label())
                + " from "
                + source
                + "}";
    }
}
