package dev.switchboard.operators.parse;

import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.escalation.PolicyJson;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and validates records of the policies topic. A valid one becomes a {@link PolicyUpdate};
 * an invalid one (bad JSON, unknown field, thresholds that contradict each other) is rejected
 * whole, with the reason, to {@link ParseMessage#DEAD_LETTERS}, and the tenant keeps the policy it
 * had. Policies hold no customer text, so the payload is kept as it came.
 */
public class ParsePolicy extends ProcessFunction<RawRecord, PolicyUpdate> {
    private static final Logger LOG = LoggerFactory.getLogger(ParsePolicy.class);

    private transient RecordCount in;
    private transient RecordCount deadLetters;
    private transient java.util.EnumMap<dev.switchboard.operators.records.DeadLetterReason, org.apache.flink.metrics.Counter> deadLettersByReason;
    private transient RecordCount policyUpdates;

    @Override
    public void open(OpenContext openContext) {
        in = RecordCount.register(getRuntimeContext(), RecordCount.IN);
        deadLetters = RecordCount.register(getRuntimeContext(), RecordCount.DEAD_LETTERS);
        deadLettersByReason = dev.switchboard.operators.accounting.SwitchboardMetrics.deadLettersByReason(getRuntimeContext());
        policyUpdates = RecordCount.register(getRuntimeContext(), RecordCount.POLICY_UPDATES);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<PolicyUpdate> out) {
        in.inc();
        String source = raw.topic + "/" + raw.partition + "@" + raw.offset;
        ContractParser.Rejection rejection;
        if (raw.value == null || raw.value.length == 0) {
            rejection = new ContractParser.Rejection(DeadLetterReason.EMPTY_PAYLOAD, "the record has no value");
        } else if (Utf8.firstInvalidByte(raw.value) >= 0) {
            rejection = new ContractParser.Rejection(DeadLetterReason.INVALID_UTF8, "the payload is not valid UTF-8");
        } else {
            try {
                PolicyUpdate update = PolicyJson.update(PolicyJson.tree(new String(raw.value, StandardCharsets.UTF_8)), true, source);
                policyUpdates.inc();
                out.collect(update);
                return;
            } catch (IllegalArgumentException e) {
                rejection = new ContractParser.Rejection(DeadLetterReason.INVALID_POLICY, "policy rejected: " + e.getMessage());
            }
        }
        deadLetters.inc();
        deadLettersByReason.get(rejection.reason()).inc();
        LOG.warn("policy record at {} rejected: {}", source, rejection.getMessage());
        ctx.output(ParseMessage.DEAD_LETTERS, ParseMessage.deadLetter(raw, rejection, null, System.currentTimeMillis()));
    }
}
