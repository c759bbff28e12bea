package dev.switchboard.pipeline.cli;

import dev.switchboard.pipeline.bench.EndToEndBench;
import dev.switchboard.pipeline.config.DeliveryMode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard bench}: end-to-end latency and throughput against a passthrough job. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure Switchboard end to end (Kafka in, Kafka out, MiniCluster with RocksDB) beside a passthrough",
            "job in the same run: latency percentiles at a fixed rate (open loop, from each message's due time),",
            "the highest rate each sustains, and the checkpointed state. Progress goes to stderr, the report to stdout."
        })
public class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--duration",
            defaultValue = "30s",
            description = "Measured time at --rate, per job (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--rate",
            defaultValue = "5000",
            description = "Messages per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--conversations",
            defaultValue = "2000",
            description = "Concurrent conversations (default: ${DEFAULT-VALUE}).")
    int conversations;

    @Option(
            names = "--delivery",
            defaultValue = "at-least-once",
            description = "at-least-once or exactly-once (default: ${DEFAULT-VALUE}).")
    String delivery;

    @Option(
            names = "--bootstrap-servers",
            description = "Use this Kafka instead of an in-process broker.")
    String bootstrapServers;

    @Option(
            names = "--warmup",
            defaultValue = "10s",
            description = "Unmeasured time at --rate first (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
            names = "--step",
            defaultValue = "10s",
            description =
                    "Length of each step of the maximum-throughput search (default: ${DEFAULT-VALUE}).")
    Duration step;

    @Option(
            names = "--max-rate",
            defaultValue = "200000",
            description = "Highest rate the search tries (default: ${DEFAULT-VALUE}).")
    int maxRate;

    @Option(names = "--no-max", description = "Skip the maximum-throughput search.")
    boolean noMax;

    @Option(
            names = "--angry-share",
            defaultValue = "0.2",
            description =
                    "Share of conversations with an angry customer (default: ${DEFAULT-VALUE}).")
    double angryShare;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Job parallelism and partitions per topic (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "5s",
            description = "Checkpoint interval (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--buffer-timeout",
            defaultValue = "0ms",
            description =
                    "Network buffer flush timeout of both jobs, as the job's flag (default: ${DEFAULT-VALUE}).")
    Duration bufferTimeout;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || conversations < 1 || parallelism < 1) {
            throw new IllegalArgumentException(
                    "--rate, --conversations and --parallelism must be positive");
        }
        if (duration.toMillis() < 1000) {
            throw new IllegalArgumentException("--duration must be at least 1s");
        }
        if (!(angryShare >= 0 && angryShare <= 1)) {
            throw new IllegalArgumentException("--angry-share must be in [0, 1]");
        }
        EndToEndBench.Settings settings =
                new EndToEndBench.Settings(
                        duration,
                        rate,
                        conversations,
                        DeliveryMode.fromFlag(delivery),
                        bootstrapServers,
                        warmup,
                        step,
                        angryShare,
                        !noMax,
                        maxRate,
                        parallelism,
                        checkpointInterval,
                        bufferTimeout);
        EndToEndBench.Report report =
                new EndToEndBench(settings, spec.commandLine().getErr()).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(EndToEndBench.json(report));
            out.flush();
        } else {
            EndToEndBench.printTable(report, out);
        }
        return 0;
    }
}
