package dev.switchboard.pipeline.config;

import dev.switchboard.operators.routing.RoutingSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of {@code switchboard run} that set routing and the customer history it reads: {@link
 * RoutingSettings}.
 */
public class RoutingOptions {
    @Option(
            names = "--routing",
            description =
                    "Tenants' routing (intent model, intent-to-skill map, queue catalogue, fallback queue) as a JSON file; see docs/routing.md. Default: no routing.")
    public java.nio.file.Path routingFile;

    @Option(
            names = "--intent-messages",
            description =
                    "Customer messages read for an intent before routing with intent 'unknown' (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    public int intentMessages;

    @Option(
            names = "--min-intent-confidence",
            description = "Probability at which an intent is taken (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.5")
    public double minIntentConfidence;

    @Option(
            names = "--queue-stale-after",
            description =
                    "A queue without a status for this long (event time) is unavailable (default: ${DEFAULT-VALUE}).",
            defaultValue = "2min")
    public Duration queueStaleAfter;

    @Option(
            names = "--customer-history-ttl",
            description =
                    "How long a customer's past contacts are kept after the last one (default: ${DEFAULT-VALUE}).",
            defaultValue = "7d")
    public Duration customerHistoryTtl;

    @Option(
            names = "--history-size",
            description =
                    "How many past contacts are kept per customer (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    public int historySize;

    RoutingSettings toSettings() {
        return new RoutingSettings(
                routingFile == null ? java.util.Map.of() : RoutingFile.read(routingFile),
                intentMessages,
                minIntentConfidence,
                queueStaleAfter,
                customerHistoryTtl,
                historySize);
    }
}
