package dev.switchboard.bench.endtoend;

import dev.switchboard.pipeline.cli.SwitchboardCommand;
import dev.switchboard.pipeline.config.JobOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench}: end-to-end latency and throughput against a passthrough job. It lives
 * in the benchmarks jar, not the job's: the launcher runs it from {@code
 * bench/target/benchmarks.jar}.
 */
@Command(
        name = "switchboard bench",
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
            names = "--warmup",
            defaultValue = "10s",
            description =
                    "Shortest unmeasured time at --rate first; it goes on until the job has caught up (backlog under the sustained bound for 3 s) (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
            names = "--warmup-limit",
            defaultValue = "120s",
            description =
                    "A job that has not caught up after this long fails the bench (default: ${DEFAULT-VALUE}).")
    Duration warmupLimit;

    @Option(
            names = "--restore-backlog",
            defaultValue = "60s",
            description =
                    "Last, each job is cancelled, this much input piles up, and it is restored from its checkpoint: the catch-up time and rate are reported; 0s skips it (default: ${DEFAULT-VALUE}).")
    Duration restoreBacklog;

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

    @Option(
            names = "--max-refinements",
            defaultValue = "2",
            description =
                    "Steps of the maximum search after the first that failed, each halving the gap between the last rate held and the first that failed (default: ${DEFAULT-VALUE}).")
    int maxRefinements;

    @Option(names = "--no-max", description = "Skip the maximum-throughput search.")
    boolean noMax;

    @Option(
            names = "--scaling",
            split = ",",
            paramLabel = "PARALLELISM",
            description =
                    "After the main pair, search the maximum sustained rate of both jobs again at each of these parallelisms (each job on as many slots, topics with as many partitions), e.g. --scaling 1,2: how throughput grows with slots.")
    List<Integer> scaling = List.of();

    @Option(
            names = "--angry-share",
            defaultValue = "0.2",
            description =
                    "Share of conversations with an angry customer (default: ${DEFAULT-VALUE}).")
    double angryShare;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    /**
     * The job's options, as {@code switchboard run} takes them: the benchmarked job runs with
     * exactly these. Without {@code --bootstrap-servers} the bench starts its own broker.
     */
    @Mixin JobOptions job = new JobOptions();

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        // A MiniCluster leaves threads behind: end the JVM with the command's code.
        System.exit(SwitchboardCommand.commandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || conversations < 1) {
            throw new IllegalArgumentException("--rate and --conversations must be positive");
        }
        job.toConfig(); // the job's options checked as run checks them, before any broker starts
        boolean externalKafka =
                spec.commandLine().getParseResult().hasMatchedOption("--bootstrap-servers");
        if (warmupLimit.compareTo(warmup) < 0) {
            throw new IllegalArgumentException("--warmup-limit must be at least --warmup");
        }
        if (duration.toMillis() < 1000) {
            throw new IllegalArgumentException("--duration must be at least 1s");
        }
        if (!(angryShare >= 0 && angryShare <= 1)) {
            throw new IllegalArgumentException("--angry-share must be in [0, 1]");
        }
        if (maxRefinements < 0) {
            throw new IllegalArgumentException("--max-refinements must not be negative");
        }
        if (scaling.stream().anyMatch(p -> p < 1)) {
            throw new IllegalArgumentException("--scaling takes parallelisms of at least 1");
        }
        BenchSettings settings =
                new BenchSettings(
                        duration,
                        rate,
                        conversations,
                        warmup,
                        warmupLimit,
                        restoreBacklog,
                        step,
                        angryShare,
                        !noMax,
                        maxRate,
                        maxRefinements,
                        List.copyOf(scaling),
                        job,
                        externalKafka ? job.kafka.bootstrapServers : null);
        BenchReport report = new EndToEndBench(settings, spec.commandLine().getErr()).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.json());
            out.flush();
        } else {
            report.printTable(out);
        }
        return 0;
    }
}
