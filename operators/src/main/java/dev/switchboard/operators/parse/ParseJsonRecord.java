package dev.switchboard.operators.parse;

import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared part of parsing a topic of small JSON records that hold no customer text (policies,
 * queue status): every record counts as in; an empty or non-UTF-8 one, or one that {@link #parse}
 * rejects, goes whole to {@link ParseMessage#DEAD_LETTERS} with the reason and is logged (with its
 * source, never its payload's meaning); a valid one is counted under {@code validCount} and
 * emitted.
 */
abstract class ParseJsonRecord<T> extends ProcessFunction<RawRecord, T> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseJsonRecord.class);

    private final String validCount;
    private final String what;
    private transient RecordCount in;
    private transient RecordCount deadLetters;
    private transient java.util.EnumMap<DeadLetterReason, org.apache.flink.metrics.Counter>
            deadLettersByReason;
    private transient RecordCount valid;

    /**
     * @param validCount the {@link RecordCount} name valid records count under
     * @param what what a record is, for the log ("policy record")
     */
    ParseJsonRecord(String validCount, String what) {
        this.validCount = validCount;
        this.what = what;
    }

    /**
     * @throws ContractParser.Rejection for a record to dead-letter, with its reason
     */
    abstract T parse(String json, String source) throws ContractParser.Rejection;

    @Override
    public void open(OpenContext openContext) {
        in = RecordCount.register(getRuntimeContext(), RecordCount.IN);
        deadLetters = RecordCount.register(getRuntimeContext(), RecordCount.DEAD_LETTERS);
        deadLettersByReason =
                dev.switchboard.operators.accounting.SwitchboardMetrics.deadLettersByReason(
                        getRuntimeContext());
        valid = RecordCount.register(getRuntimeContext(), validCount);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        in.inc();
        String source = raw.topic + "/" + raw.partition + "@" + raw.offset;
        ContractParser.Rejection rejection;
        if (raw.value == null || raw.value.length == 0) {
            rejection =
                    new ContractParser.Rejection(
                            DeadLetterReason.EMPTY_PAYLOAD, "the record has no value");
        } else if (Utf8.firstInvalidByte(raw.value) >= 0) {
            rejection =
                    new ContractParser.Rejection(
                            DeadLetterReason.INVALID_UTF8, "the payload is not valid UTF-8");
        } else {
            try {
                T parsed = parse(new String(raw.value, StandardCharsets.UTF_8), source);
                valid.inc();
                out.collect(parsed);
                return;
            } catch (ContractParser.Rejection r) {
                rejection = r;
            }
        }
        deadLetters.inc();
        deadLettersByReason.get(rejection.reason()).inc();
        LOG.warn("{} at {} rejected: {}", what, source, rejection.getMessage());
        ctx.output(
                ParseMessage.DEAD_LETTERS,
                ParseMessage.deadLetter(raw, rejection, null, System.currentTimeMillis()));
    }
}
