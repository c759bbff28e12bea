package dev.switchboard.operators.records;

/**
 * An input record that could not be processed, with the reason and where it came from, published on
 * {@code switchboard.deadletters}. The original payload is kept whole (nothing is lost), as text
 * when it is valid UTF-8 and as base64 otherwise; the topic therefore holds customer text and is
 * restricted (see docs/contract.md), unless the deployment redacts it ({@code
 * --redact-dead-letters}).
 */
public class DeadLetter {
    /** Deterministic: a name-based UUID of the source topic, partition and offset. */
    public String id;

    public DeadLetterReason reason;

    /** A sentence a person understands, naming the field at fault. Never contains message text. */
    public String detail;

    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;

    /** The payload as text, when it is valid UTF-8; else null. */
    public String payload;

    /** The payload as base64, when it is not valid UTF-8; else null. */
    public String payloadBase64;

    /** True when the payload was redacted (then it is text, with personal data replaced). */
    public boolean redacted;

    /** Processing time of the rejection, epoch ms. */
    public long decidedAt;

    public DeadLetter() {}

    @Override
    public String toString() {
        return "DeadLetter{"
                + reason
                + ": "
                + detail
                + " at "
                + sourceTopic
                + "/"
                + sourcePartition
                + "@"
                + sourceOffset
                + "}";
    }
}
