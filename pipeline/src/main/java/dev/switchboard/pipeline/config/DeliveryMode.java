package dev.switchboard.pipeline.config;

import org.apache.flink.connector.base.DeliveryGuarantee;

/** How outputs reach Kafka. */
public enum DeliveryMode {
    /** Lowest latency; after a failure some outputs repeat, with the same id. */
    AT_LEAST_ONCE("at-least-once", DeliveryGuarantee.AT_LEAST_ONCE),
    /**
     * Kafka transactions committed on checkpoints; read-committed consumers see each output once.
     */
    EXACTLY_ONCE("exactly-once", DeliveryGuarantee.EXACTLY_ONCE);

    private final String flag;
    private final DeliveryGuarantee guarantee;

    DeliveryMode(String flag, DeliveryGuarantee guarantee) {
        this.flag = flag;
        this.guarantee = guarantee;
    }

    public String flag() {
        return flag;
    }

    public DeliveryGuarantee guarantee() {
        return guarantee;
    }

    public static DeliveryMode fromFlag(String value) {
        for (DeliveryMode m : values()) {
            if (m.flag.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "--delivery must be at-least-once or exactly-once, was '" + value + "'");
    }

    @Override
    public String toString() {
        return flag;
    }
}
