package dev.switchboard.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * Flink's own settings for a Switchboard job, in two layers, each written once:
 *
 * <ul>
 *   <li>the cluster's ({@code docker/flink/config.yaml}: state backend, checkpoint storage and
 *       retention, restart strategy, metrics), which a cluster reads itself and a local run reads
 *       from the job jar ({@link #forLocalRun});
 *   <li>the job's ({@link #forJob}), from {@code switchboard run}'s options, wherever it runs.
 * </ul>
 */
public final class FlinkSettings {
    /** The cluster's file, as the build copies it into the jar. */
    static final String CLUSTER_FILE = "/dev/switchboard/pipeline/cluster/config.yaml";

    private FlinkSettings() {}

    /**
     * What the job sets wherever it runs: checkpointing always on, exactly-once checkpoints (an
     * exactly-once output needs them, and at-least-once needs checkpoints to restore after a
     * failure), the checkpoint interval and directory, the buffer timeout, the parallelism, and
     * switches that turn mistakes into errors: generic types (Kryo) off, and uids required on every
     * operator.
     */
    public static Configuration forJob(SwitchboardConfig config) {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.dir", config.runtime().checkpointDir());
        conf.setString(
                "execution.checkpointing.interval", millis(config.runtime().checkpointInterval()));
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        if (config.runtime().rocksDbLocalDir() != null) {
            conf.setString("state.backend.rocksdb.localdir", config.runtime().rocksDbLocalDir());
        }
        conf.setString(
                "execution.buffer-timeout.interval", millis(config.runtime().bufferTimeout()));
        conf.setString("pipeline.generic-types", "false");
        // No deep copy between chained operators: no function keeps or changes a record after
        // emitting it, so the copy would only cost time on the per-message path.
        conf.setString("pipeline.object-reuse", "true");
        if (config.runtime().prometheusPort() > 0) {
            // For a local run (switchboard run, the demo); a cluster configures its reporters
            // itself.
            conf.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString(
                    "metrics.reporter.prom.port",
                    Integer.toString(config.runtime().prometheusPort()));
        }
        conf.setString("pipeline.auto-generate-uids", "false");
        if (config.runtime().parallelism() > 0) {
            conf.setString("parallelism.default", Integer.toString(config.runtime().parallelism()));
        }
        return conf;
    }

    /**
     * A run in this JVM (a MiniCluster: {@code switchboard run} without a cluster, the demo, the
     * backtest, the bench, the tests): the cluster's settings, as a cluster would apply them, then
     * the job's.
     */
    public static Configuration forLocalRun(SwitchboardConfig config) {
        Configuration conf = clusterSettings();
        conf.addAll(forJob(config));
        return conf;
    }

    /**
     * The cluster's file less what belongs to the cluster's own processes (memory, task slots),
     * paths on its machines (checkpoint and savepoint directories) and reporters: a local run sizes
     * its MiniCluster from the parallelism and takes its directories and reporter from the options.
     */
    static Configuration clusterSettings() {
        Map<String, Object> keys;
        try (InputStream in = FlinkSettings.class.getResourceAsStream(CLUSTER_FILE)) {
            if (in == null) {
                throw new IllegalStateException(CLUSTER_FILE + " is missing from the job jar");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> read = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            keys = read;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + CLUSTER_FILE, e);
        }
        Configuration conf = new Configuration();
        keys.forEach(
                (key, value) -> {
                    if (!isAboutTheCluster(key)) {
                        conf.setString(key, String.valueOf(value));
                    }
                });
        return conf;
    }

    static boolean isAboutTheCluster(String key) {
        return key.contains(".memory.")
                || key.equals("taskmanager.numberOfTaskSlots")
                || key.endsWith(".dir")
                || key.endsWith("-dir")
                || key.startsWith("metrics.reporter.");
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }
}
