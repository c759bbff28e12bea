package dev.switchboard.pipeline.cli;

import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.demo.Demo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard demo}: broker, MiniCluster, job and sample conversations in one process. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start an in-process Kafka broker (KRaft) and a Flink MiniCluster with RocksDB, run the job,",
            "replay sample conversations, then run a live contact center, and print scores and decisions live until Ctrl-C.",
            "Other clients may produce contract records to the printed bootstrap address meanwhile.",
            "The demo closes idle conversations after 1 minute unless --idle-timeout says otherwise,",
            "tenant globex serves English, Spanish and French unless --tenant-languages says otherwise,",
            "the sample tenants are routed by the bundled demo/routing.json unless --routing says otherwise,",
            "and a queue that stops reporting is unavailable after 15 s unless --queue-stale-after says otherwise."
        })
public class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--kafka-port",
            description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort = 9092;

    @Option(
            names = "--controller-port",
            description = "Port of the embedded KRaft controller (default: ${DEFAULT-VALUE}).")
    int controllerPort = 9093;

    @Option(
            names = "--board-port",
            description = "Port of the supervisor board; -1 for none (default: ${DEFAULT-VALUE}).")
    int boardPort = 8080;

    @Option(
            names = "--replay",
            description = "Replay this JSONL file instead of the bundled sample conversations.")
    Path replay;

    @Option(names = "--no-replay", description = "Start with an empty topic and replay nothing.")
    boolean noReplay;

    @Option(
            names = "--pace",
            description = "Pause between replayed records (default: ${DEFAULT-VALUE}).",
            defaultValue = "150ms")
    Duration pace;

    @Option(
            names = "--live-rate",
            description =
                    "Conversations a minute of the live contact center that runs after the replay until Ctrl-C (several tenants, chat and voice, en/es/fr, calm and angry customers, a complaint surge and a strained agent); 0 for none (default: ${DEFAULT-VALUE}).")
    double liveRate = 20;

    @Mixin JobOptions job = new JobOptions();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (replay != null && noReplay) {
            throw new IllegalArgumentException("--replay and --no-replay exclude each other");
        }
        if (kafkaPort < 1 || kafkaPort > 65535) {
            throw new IllegalArgumentException(
                    "--kafka-port must be in 1..65535, was " + kafkaPort);
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--idle-timeout")) {
            // The sample file leaves one conversation open; a short timeout shows its close in the
            // demo.
            job.conversations.idleTimeout = Duration.ofMinutes(1);
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--tenant-languages")) {
            // globex serves Spanish and French too: its untagged Spanish and French conversations
            // show language detection, scoring in their language, and routing to their queues.
            job.scoring.tenantLanguages =
                    new java.util.LinkedHashMap<>(java.util.Map.of("globex", "en,es,fr"));
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--queue-stale-after")) {
            // The sample takes a queue offline mid-replay; a short staleness shows the re-routing
            // within the demo.
            job.routing.queueStaleAfter = Duration.ofSeconds(15);
        }
        return new Demo(
                        kafkaPort,
                        controllerPort,
                        boardPort,
                        noReplay ? null : replay,
                        !noReplay && replay == null,
                        pace,
                        liveRate,
                        job)
                .run();
    }
}
