package dev.switchboard.operators.parse;

import dev.switchboard.models.privacy.CustomerPseudonyms;
import dev.switchboard.models.privacy.Redactor;
import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.operators.records.RecordIds;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses raw Kafka records into {@link ConversationEvent}s. A record that breaks the contract goes
 * to {@link #DEAD_LETTERS} with the reason and its whole original payload; the job never fails on
 * input. Stateless; counts every record in and every dead letter.
 */
public class ParseMessage extends ProcessFunction<RawRecord, ConversationEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseMessage.class);

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final int maxTextBytes;
    private final Set<EventType> accepted;

    /** Redacts dead-letter payloads when not null. */
    private final Redactor deadLetterRedactor;

    /** Replaces customer ids by their pseudonyms when not null. */
    private final CustomerPseudonyms pseudonyms;

    private transient CustomerPseudonyms.Session pseudonymSession;
    private transient ContractParser parser;
    private transient RecordCount in;
    private transient RecordCount deadLetters;
    private transient java.util.EnumMap<
                    dev.switchboard.operators.records.DeadLetterReason,
                    org.apache.flink.metrics.Counter>
            deadLettersByReason;
    private transient RecordCount controlCommands;

    /**
     * @param accepted the record types this topic carries
     * @param deadLetterRedactor when not null, dead-letter payloads are redacted with it (and
     *     always kept as text), for deployments that may not keep raw customer text even in a
     *     restricted topic
     * @param pseudonyms when not null, every customer id is replaced by its pseudonym here, as it
     *     enters the job, so that no state or output holds the platform's id
     */
    public ParseMessage(
            int maxTextBytes,
            Set<EventType> accepted,
            Redactor deadLetterRedactor,
            CustomerPseudonyms pseudonyms) {
        this.maxTextBytes = maxTextBytes;
        this.accepted = Set.copyOf(accepted);
        this.deadLetterRedactor = deadLetterRedactor;
        this.pseudonyms = pseudonyms;
    }

    public ParseMessage(int maxTextBytes, Set<EventType> accepted, Redactor deadLetterRedactor) {
        this(maxTextBytes, accepted, deadLetterRedactor, null);
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new ContractParser(maxTextBytes, accepted);
        in = RecordCount.register(getRuntimeContext(), RecordCount.IN);
        deadLetters = RecordCount.register(getRuntimeContext(), RecordCount.DEAD_LETTERS);
        deadLettersByReason =
                dev.switchboard.operators.accounting.SwitchboardMetrics.deadLettersByReason(
                        getRuntimeContext());
        controlCommands = RecordCount.register(getRuntimeContext(), RecordCount.CONTROL);
        pseudonymSession = pseudonyms == null ? null : pseudonyms.session();
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<ConversationEvent> out) {
        in.inc();
        try {
            ConversationEvent event = parser.parse(raw.value);
            if (event.type == EventType.ERASE) {
                controlCommands.inc();
            }
            if (pseudonymSession != null && event.customerId != null) {
                event.customerId = pseudonymSession.of(event.tenant, event.customerId);
            }
            out.collect(event);
        } catch (ContractParser.Rejection rejection) {
            deadLetters.inc();
            deadLettersByReason.get(rejection.reason()).inc();
            // The reason and coordinates only: the payload may hold customer text.
            LOG.debug(
                    "dead letter {} at {}/{}@{}: {}",
                    rejection.reason(),
                    raw.topic,
                    raw.partition,
                    raw.offset,
                    rejection.getMessage());
            ctx.output(
                    DEAD_LETTERS,
                    deadLetter(raw, rejection, deadLetterRedactor, System.currentTimeMillis()));
        }
    }

    static DeadLetter deadLetter(
            RawRecord raw, ContractParser.Rejection rejection, Redactor redactor, long now) {
        DeadLetter d = new DeadLetter();
        d.id =
                RecordIds.of(
                        "dead-letter",
                        raw.topic,
                        Integer.toString(raw.partition),
                        Long.toString(raw.offset));
        d.reason = rejection.reason();
        d.detail = rejection.getMessage();
        d.sourceTopic = raw.topic;
        d.sourcePartition = raw.partition;
        d.sourceOffset = raw.offset;
        if (raw.value != null && redactor != null) {
            // Undecodable bytes become U+FFFD: a redacted payload is for reading, not for replay.
            d.payload = redactor.redact(new String(raw.value, StandardCharsets.UTF_8));
            d.redacted = true;
        } else if (raw.value != null) {
            if (Utf8.firstInvalidByte(raw.value) < 0) {
                d.payload = new String(raw.value, StandardCharsets.UTF_8);
            } else {
                d.payloadBase64 = Base64.getEncoder().encodeToString(raw.value);
            }
        }
        d.decidedAt = now;
        return d;
    }
}
