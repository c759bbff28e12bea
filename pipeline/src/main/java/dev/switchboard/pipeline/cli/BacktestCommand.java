package dev.switchboard.pipeline.cli;

import dev.switchboard.pipeline.backtest.Backtest;
import dev.switchboard.pipeline.backtest.BacktestSummary;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard backtest}: the real topology over recorded conversations. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Run the job's operators over a JSONL file of contract records on a local MiniCluster,",
            "write every escalation decision, and print what supervisors would have seen."
        })
public class BacktestCommand implements Callable<Integer> {
    @Option(
            names = "--input",
            required = true,
            description = "JSONL file of contract records, in order.")
    Path input;

    @Option(
            names = "--output",
            required = true,
            description = "Where to write the decisions (JSONL).")
    Path output;

    @Option(
            names = "--shadow-output",
            description =
                    "Where to write the decisions of tenants' shadow policies (--tenant-policy with mode shadow), JSONL.")
    Path shadowOutput;

    @Option(
            names = "--insights-output",
            description =
                    "Where to write the complaint surges and agents under strain the run published (JSONL; they are printed either way).")
    Path insightsOutput;

    @Mixin JobOptions job = new JobOptions();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(input)) {
            throw new IllegalArgumentException("--input: cannot read " + input);
        }
        Path work = Files.createTempDirectory("switchboard-backtest-");
        job.runtime.checkpointDir = work.resolve("checkpoints").toUri().toString();
        job.runtime.rocksDbLocalDir = work.resolve("rocksdb").toString();
        // Event time only, so that the same file always gives the same decisions.
        job.eventTime.heartbeatAfter = Duration.ZERO;
        SwitchboardConfig config = job.toConfig();
        BacktestSummary summary =
                Backtest.run(
                        input,
                        config,
                        output,
                        shadowOutput,
                        insightsOutput,
                        spec.commandLine().getErr());
        summary.print(spec.commandLine().getOut());
        return 0;
    }
}
