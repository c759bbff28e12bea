package dev.switchboard.pipeline.cli;

import dev.switchboard.pipeline.FlinkSettings;
import dev.switchboard.pipeline.LocalRecovery;
import dev.switchboard.pipeline.SwitchboardJob;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard run}: the job against an existing Kafka. Run from the launcher it starts a
 * local MiniCluster and, after a crash, resumes from the newest checkpoint its previous run
 * retained ({@link LocalRecovery}); run through {@code flink run switchboard.jar run ...} it is
 * submitted to that cluster (same main class, same jar), whose HA and savepoints restore it.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the Switchboard job against an existing Kafka cluster.")
public class RunCommand implements Callable<Integer> {
    @Mixin JobOptions options = new JobOptions();

    @Spec CommandSpec spec;

    @Option(
            names = "--restore-from",
            paramLabel = "PATH",
            description =
                    "Start from this checkpoint or savepoint (a chk-<n> or savepoint directory).")
    String restoreFrom;

    @Option(
            names = "--fresh",
            description =
                    "A local run: start with empty state instead of resuming from the previous run's newest checkpoint.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        SwitchboardConfig config = options.toConfig();
        // Submitted to a cluster (flink run), the cluster's own settings apply; on a MiniCluster
        // in this JVM, the same settings come from the copy of the cluster's file in the jar.
        boolean local =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.forJob(config))
                        instanceof LocalStreamEnvironment;
        Configuration conf =
                local ? FlinkSettings.forLocalRun(config) : FlinkSettings.forJob(config);
        Optional<String> restore = Optional.ofNullable(restoreFrom);
        if (restore.isEmpty() && local && !fresh) {
            restore =
                    LocalRecovery.latestCheckpoint(
                                    config.runtime().checkpointDir(), config.kafka().groupId())
                            .map(Path::toString);
        }
        restore.ifPresent(path -> conf.setString("execution.state-recovery.path", path));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        SwitchboardJob.define(env, config, null);
        JobClient job = env.executeAsync(SwitchboardJob.JOB_NAME);
        if (local) {
            LocalRecovery.remember(
                    config.runtime().checkpointDir(), config.kafka().groupId(), job.getJobID());
        }
        spec.commandLine()
                .getErr()
                .println(
                        restore.map(
                                        path ->
                                                "Switchboard job "
                                                        + job.getJobID()
                                                        + " started from "
                                                        + path)
                                .orElse(
                                        "Switchboard job "
                                                + job.getJobID()
                                                + " started with empty state"
                                                + (local && !fresh
                                                        ? " (no checkpoint of an earlier local run of group "
                                                                + config.kafka().groupId()
                                                                + ")"
                                                        : "")));
        spec.commandLine().getErr().flush();
        job.getJobExecutionResult().get();
        return 0;
    }
}
