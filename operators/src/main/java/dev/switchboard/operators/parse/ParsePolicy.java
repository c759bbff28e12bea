package dev.switchboard.operators.parse;

import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.escalation.PolicyJson;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.PolicyUpdate;

/**
 * Parses and validates records of the policies topic. A valid one becomes a {@link PolicyUpdate};
 * an invalid one (bad JSON, unknown field, thresholds that contradict each other) is rejected
 * whole, with the reason, to {@link ParseMessage#DEAD_LETTERS}, and the tenant keeps the policy it
 * had. Policies hold no customer text, so the payload is kept as it came.
 */
public class ParsePolicy extends ParseJsonRecord<PolicyUpdate> {
    public ParsePolicy() {
        super(RecordCount.POLICY_UPDATES, "policy record");
    }

    @Override
    PolicyUpdate parse(String json, String source) throws ContractParser.Rejection {
        try {
            return PolicyJson.update(PolicyJson.tree(json), true, source);
        } catch (IllegalArgumentException e) {
            throw new ContractParser.Rejection(
                    DeadLetterReason.INVALID_POLICY, "policy rejected: " + e.getMessage());
        }
    }
}
