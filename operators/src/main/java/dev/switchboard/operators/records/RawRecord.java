package dev.switchboard.operators.records;

/**
 * One input record exactly as it came off Kafka: the bytes and where they came from. Parsing
 * happens after the source, so a bad payload becomes a dead letter instead of failing the source.
 */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;

    /** The value bytes; null for a Kafka tombstone. */
    public byte[] value;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.value = value;
    }

    @Override
    public String toString() {
        return "RawRecord{"
                + topic
                + "/"
                + partition
                + "@"
                + offset
                + ", "
                + (value == null ? "null" : value.length + " bytes")
                + "}";
    }
}
