package dev.switchboard.pipeline.config;

import java.time.Duration;

/**
 * How event time advances (docs: DESIGN's time section).
 *
 * @param maxOutOfOrderness how late (event time) a record may arrive and still count as on time
 * @param sourceIdleness how long an input without any record is left out of the watermark
 * @param heartbeatAfter wall time of quiet after which event time advances with the clock; 0 = off
 */
public record EventTimeSettings(
        Duration maxOutOfOrderness, Duration sourceIdleness, Duration heartbeatAfter) {
    public EventTimeSettings {
        SwitchboardConfig.require(
                !maxOutOfOrderness.isNegative(), "--max-out-of-orderness must not be negative");
        SwitchboardConfig.require(
                !sourceIdleness.isNegative() && !sourceIdleness.isZero(),
                "--source-idleness must be positive");
        SwitchboardConfig.require(
                !heartbeatAfter.isNegative(), "--heartbeat-after must not be negative");
    }
}
