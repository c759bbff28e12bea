package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.EmbeddedKafka;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import dev.switchboard.pipeline.config.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.flink.core.execution.JobClient;

/**
 * The end-to-end benchmark: Kafka in, Kafka out, on a Flink MiniCluster with RocksDB, run one after
 * the other under identical settings for a passthrough job (the floor any job on this stack pays)
 * and for the real Switchboard job. For each: latency percentiles at a fixed rate from an open-loop
 * generator, the highest rate it sustains, and its checkpointed state.
 */
public final class EndToEndBench {
    private final BenchSettings settings;
    private final PrintWriter progress;

    /** {@code --rocksdb-local-dir} as given (each job gets a directory of its own under it). */
    private final String rocksDbLocalDir;

    public EndToEndBench(BenchSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
        this.rocksDbLocalDir = settings.job().runtime.rocksDbLocalDir;
    }

    public BenchReport run() throws Exception {
        Path work = Files.createTempDirectory("switchboard-bench-");
        EmbeddedKafka kafka = null;
        String bootstrap = settings.bootstrapServers();
        try {
            if (bootstrap == null) {
                kafka = EmbeddedKafka.startOnFreePorts();
                bootstrap = kafka.bootstrapServers();
                progress.println("in-process Kafka broker at " + bootstrap);
            }
            JobFigures passthrough = runJob("passthrough", bootstrap, work);
            JobFigures switchboard = runJob("switchboard", bootstrap, work);
            List<BenchReport.Scaling> scaling = new ArrayList<>();
            for (int parallelism : settings.scaling()) {
                scaling.add(
                        new BenchReport.Scaling(
                                parallelism,
                                maxAt("passthrough", parallelism, bootstrap, work),
                                maxAt("switchboard", parallelism, bootstrap, work)));
            }
            return new BenchReport(
                    settings, passthrough, switchboard, scaling, BenchReport.thisMachine());
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            EmbeddedKafka.deleteRecursively(work);
        }
    }

    /** A job's configuration, topics and way to submit it, at one parallelism. */
    private record Setup(
            SwitchboardConfig config,
            String passthroughTopic,
            RestoreCatchUp.Submitter submitter) {}

    private Setup setUp(String kind, int parallelism, String bootstrap, Path work)
            throws Exception {
        String prefix =
                "bench-" + kind + "-p" + parallelism + "-" + System.currentTimeMillis() + "-";
        Path dir = work.resolve(kind + "-p" + parallelism);
        JobOptions options = settings.job();
        options.kafka.bootstrapServers = bootstrap;
        options.runtime.checkpointDir = dir.resolve("checkpoints").toUri().toString();
        options.runtime.rocksDbLocalDir =
                (rocksDbLocalDir == null
                                ? dir.resolve("rocksdb")
                                : Path.of(rocksDbLocalDir, kind + "-p" + parallelism))
                        .toString();
        options.runtime.parallelism = parallelism;
        SwitchboardConfig config =
                options.toConfig()
                        .withTopics(
                                Topics.DEFAULTS.withPrefix(prefix),
                                prefix + "group",
                                prefix + "tx",
                                settings.delivery());
        String passthroughTopic = prefix + "bench.passthrough";
        BenchJobs.createTopics(bootstrap, config, passthroughTopic, parallelism);
        return new Setup(
                config,
                passthroughTopic,
                (port, restorePath) ->
                        BenchJobs.submit(kind, config, passthroughTopic, port, restorePath));
    }

    private LoadGenerator generator(SwitchboardConfig config, String bootstrap, long epoch) {
        return new LoadGenerator(
                bootstrap,
                config.kafka().topics().messages(),
                settings.conversations(),
                settings.angryShare(),
                epoch);
    }

    /**
     * The highest rate job {@code kind} sustains at {@code parallelism}: warmed up until it has
     * caught up at {@code --rate}, then the same search as the main run's.
     */
    private long maxAt(String kind, int parallelism, String bootstrap, Path work) throws Exception {
        Setup setup = setUp(kind, parallelism, bootstrap, work);
        int restPort = FlinkRest.freePort();
        JobClient job = setup.submitter().submit(restPort, null);
        try {
            FlinkRest.awaitRunning(job, restPort);
            boolean committed = settings.delivery() == DeliveryMode.EXACTLY_ONCE;
            long epoch = System.nanoTime();
            SwitchboardConfig config = setup.config();
            String outputTopic =
                    kind.equals("switchboard")
                            ? config.kafka().topics().scores()
                            : setup.passthroughTopic();
            try (LatencyConsumer outputs =
                            new LatencyConsumer(bootstrap, outputTopic, committed, false, epoch);
                    LoadGenerator generator = generator(config, bootstrap, epoch)) {
                String label = kind + ", parallelism " + parallelism;
                LoadDriver load = new LoadDriver(label, settings, generator, outputs, progress);
                load.sendUntilCaughtUp("warm-up", 3, settings.warmup());
                load.drain();
                return load.findMax();
            }
        } finally {
            BenchJobs.cancel(job);
        }
    }

    private JobFigures runJob(String kind, String bootstrap, Path work) throws Exception {
        Setup setup = setUp(kind, settings.parallelism(), bootstrap, work);
        SwitchboardConfig config = setup.config();
        String passthroughTopic = setup.passthroughTopic();
        int restPort = FlinkRest.freePort();
        RestoreCatchUp.Submitter submitter = setup.submitter();
        boolean switchboard = kind.equals("switchboard");
        long submitted = System.nanoTime();
        JobClient job = submitter.submit(restPort, null);
        try {
            FlinkRest.awaitRunning(job, restPort);
            boolean committed = settings.delivery() == DeliveryMode.EXACTLY_ONCE;
            long epoch = System.nanoTime();
            String outputTopic = switchboard ? config.kafka().topics().scores() : passthroughTopic;
            try (LatencyConsumer outputs =
                            new LatencyConsumer(bootstrap, outputTopic, committed, false, epoch);
                    LatencyConsumer decisions =
                            switchboard
                                    ? new LatencyConsumer(
                                            bootstrap,
                                            config.kafka().topics().escalations(),
                                            committed,
                                            true,
                                            epoch)
                                    : null;
                    LoadGenerator generator = generator(config, bootstrap, epoch)) {
                LoadDriver load = new LoadDriver(kind, settings, generator, outputs, progress);
                long steadyAt = load.sendUntilCaughtUp("warm-up", 3, settings.warmup());
                load.drain();
                outputs.interval();
                if (decisions != null) {
                    decisions.interval();
                }
                long sentBefore = generator.messages();
                long receivedBefore = outputs.received();
                long decisionsBefore = decisions == null ? 0 : decisions.received();
                Map<ThreadsCpu.Role, Long> cpuBefore = ThreadsCpu.nanos();
                JvmActivity jvmBefore = JvmActivity.now();
                long measuredFrom = System.currentTimeMillis();
                double achieved = load.phase("measured", settings.rate(), settings.duration());
                long measuredTo = System.currentTimeMillis();
                boolean drained = load.drain();
                Map<ThreadsCpu.Role, Long> cpu = ThreadsCpu.since(cpuBefore, ThreadsCpu.nanos());
                JvmActivity jvm = JvmActivity.now().since(jvmBefore);
                Histogram h = outputs.interval();
                Histogram d = decisions == null ? null : decisions.interval();
                long sent = generator.messages() - sentBefore;
                long received = outputs.received() - receivedBefore;
                boolean sustained =
                        drained
                                && achieved >= 0.95 * settings.rate()
                                && ms(h.getValueAtPercentile(99)) <= settings.p99Limit();
                long max = sustained ? settings.rate() : 0;
                long decisionCount = decisions == null ? 0 : decisions.received() - decisionsBefore;
                JsonNode checkpoint =
                        FlinkRest.latestCheckpoint(
                                job,
                                restPort,
                                System.currentTimeMillis(),
                                settings.checkpointInterval());
                CheckpointPause pause =
                        CheckpointPause.during(restPort, job.getJobID(), measuredFrom, measuredTo);
                // Read after the checkpoint wait: the REST metrics are fetched every second.
                MeaningTierFigures meaning =
                        switchboard ? MeaningTierFigures.read(restPort, job.getJobID()) : null;
                if (settings.findMax() && sustained) {
                    max = load.findMax();
                }
                RestoreCatchUp.Figures restore = null;
                if (!settings.restoreBacklog().isZero()) {
                    load.drain();
                    restore =
                            RestoreCatchUp.measure(
                                    kind,
                                    settings,
                                    job,
                                    restPort,
                                    submitter,
                                    () ->
                                            load.sendUntilCaughtUp(
                                                    "after the restore", 1, Duration.ZERO),
                                    generator,
                                    outputs,
                                    progress);
                }
                Long stateBytes =
                        checkpoint == null ? null : checkpoint.path("state_size").asLong();
                return new JobFigures(
                        kind,
                        sent,
                        received,
                        achieved,
                        ms(h.getValueAtPercentile(50)),
                        ms(h.getValueAtPercentile(90)),
                        ms(h.getValueAtPercentile(99)),
                        ms(h.getValueAtPercentile(99.9)),
                        ms(h.getMaxValue()),
                        d == null || d.getTotalCount() == 0 ? null : ms(d.getValueAtPercentile(99)),
                        decisionCount,
                        max,
                        stateBytes,
                        stateBytes == null || !switchboard
                                ? null
                                : (double) stateBytes
                                        / Math.min(settings.conversations(), generator.messages()),
                        checkpoint == null ? null : checkpoint.path("end_to_end_duration").asLong(),
                        (steadyAt - submitted) / 1_000_000,
                        restore == null ? null : restore.catchUpMs(),
                        restore == null ? null : restore.outputsPerSecond(),
                        ThreadsCpu.jobMicrosPerMessage(cpu, sent),
                        ThreadsCpu.microsPerMessage(cpu, sent),
                        pause == null ? null : pause.ms(),
                        pause == null ? null : pause.task(),
                        jvm.compileMs() < 0 ? null : jvm.compileMs(),
                        jvm.gcCount(),
                        jvm.gcMs(),
                        meaning);
            }
        } finally {
            BenchJobs.cancel(job);
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
