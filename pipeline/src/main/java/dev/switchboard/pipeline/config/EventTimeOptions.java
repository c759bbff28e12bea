package dev.switchboard.pipeline.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of {@code switchboard run} that say how event time advances: {@link
 * EventTimeSettings}.
 */
public class EventTimeOptions {
    @Option(
            names = "--max-out-of-orderness",
            description = "Allowed event-time disorder (default: ${DEFAULT-VALUE}).",
            defaultValue = "5s")
    public Duration maxOutOfOrderness;

    @Option(
            names = "--source-idleness",
            description =
                    "An input with no record for this long is left out of the watermark (default: ${DEFAULT-VALUE}).",
            defaultValue = "30s")
    public Duration sourceIdleness;

    @Option(
            names = "--heartbeat-after",
            description =
                    "After this much quiet, event time follows the clock so timers fire; 0 = off (default: ${DEFAULT-VALUE}).",
            defaultValue = "10s")
    public Duration heartbeatAfter;

    EventTimeSettings toSettings() {
        return new EventTimeSettings(maxOutOfOrderness, sourceIdleness, heartbeatAfter);
    }
}
