package dev.switchboard.pipeline.cli;

import dev.switchboard.pipeline.FlinkSettings;
import dev.switchboard.pipeline.SwitchboardJob;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code switchboard run}: the job against an existing Kafka. Run from the launcher it starts a
 * local MiniCluster; run through {@code flink run switchboard.jar run ...} it is submitted to that
 * cluster (same main class, same jar).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the Switchboard job against an existing Kafka cluster.")
public class RunCommand implements Callable<Integer> {
    @Mixin JobOptions options = new JobOptions();

    @Override
    public Integer call() throws Exception {
        SwitchboardConfig config = options.toConfig();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.forJob(config));
        SwitchboardJob.define(env, config, null);
        env.execute(SwitchboardJob.JOB_NAME);
        return 0;
    }
}
