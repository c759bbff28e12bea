package dev.switchboard.pipeline.config;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The job's command-line options and their defaults: the one place a setting is named, in one group
 * per part of {@link SwitchboardConfig}. Shared by {@code switchboard run}, {@code demo}, {@code
 * backtest} and {@code bench} (as a mixin) and the tests (which start from {@link #defaults()} and
 * set fields), and turned into a validated {@link SwitchboardConfig} by {@link #toConfig()}.
 */
public class JobOptions {
    @Mixin public KafkaOptions kafka = new KafkaOptions();

    @Mixin public RuntimeOptions runtime = new RuntimeOptions();

    @Mixin public EventTimeOptions eventTime = new EventTimeOptions();

    @Mixin public ScoringOptions scoring = new ScoringOptions();

    @Mixin public ConversationOptions conversations = new ConversationOptions();

    @Mixin public EscalationOptions escalation = new EscalationOptions();

    @Mixin public PrivacyOptions privacy = new PrivacyOptions();

    @Mixin public RoutingOptions routing = new RoutingOptions();

    /** The options as the command line leaves them when no flag is given. */
    public static JobOptions defaults() {
        JobOptions options = new JobOptions();
        withConverters(new CommandLine(options)).parseArgs();
        return options;
    }

    /** Durations are written as Flink writes them: 500ms, 5s, 30min, 24h. */
    public static CommandLine withConverters(CommandLine cli) {
        return cli.registerConverter(Duration.class, TimeUtils::parseDuration);
    }

    public SwitchboardConfig toConfig() {
        return new SwitchboardConfig(
                kafka.toSettings(),
                runtime.toSettings(DeliveryMode.fromFlag(kafka.delivery)),
                eventTime.toSettings(),
                scoring.toSettings(),
                conversations.toSettings(),
                escalation.toSettings(),
                privacy.toSettings(),
                routing.toSettings());
    }
}
