package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.pipeline.config.JobOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The cluster's settings are written once, and a local run applies them as the cluster would. */
class FlinkSettingsTest {
    @Test
    void theJarCarriesTheClustersFileAsItIs() throws Exception {
        String inRepository = Files.readString(Path.of("..", "docker", "flink", "config.yaml"));
        try (InputStream in = FlinkSettings.class.getResourceAsStream(FlinkSettings.CLUSTER_FILE)) {
            assertEquals(inRepository, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLocalRunTakesTheClustersSettingsAndThenTheJobs() {
        JobOptions options = JobOptions.defaults();
        options.runtime.checkpointDir = "file:///tmp/switchboard-test/checkpoints";
        options.runtime.checkpointInterval = Duration.ofSeconds(7);
        options.runtime.parallelism = 3;
        Configuration conf = FlinkSettings.forLocalRun(options.toConfig());

        assertEquals("rocksdb", conf.getString("state.backend.type", null));
        assertEquals("true", conf.getString("execution.checkpointing.incremental", null));
        assertEquals("exponential-delay", conf.getString("restart-strategy.type", null));
        assertEquals(
                "file:///tmp/switchboard-test/checkpoints",
                conf.getString("execution.checkpointing.dir", null),
                "the job's directory, not the image's");
        assertEquals("7000ms", conf.getString("execution.checkpointing.interval", null));
        assertEquals("3", conf.getString("parallelism.default", null));
        assertEquals("false", conf.getString("pipeline.generic-types", null));
        // The cluster's processes, paths and reporters are not a local run's.
        assertNull(conf.getString("taskmanager.numberOfTaskSlots", null));
        assertNull(conf.getString("taskmanager.memory.process.size", null));
        assertNull(conf.getString("execution.checkpointing.savepoint-dir", null));
        assertNull(conf.getString("metrics.reporter.prom.port", null));
    }

    @Test
    void onAClusterTheJobSetsOnlyItsOwnSettings() {
        Configuration conf = FlinkSettings.forJob(JobOptions.defaults().toConfig());
        assertFalse(conf.containsKey("state.backend.type"), "the cluster's to choose");
        assertFalse(conf.containsKey("restart-strategy.type"), "the cluster's to choose");
        assertEquals("false", conf.getString("pipeline.auto-generate-uids", null));
    }
}
