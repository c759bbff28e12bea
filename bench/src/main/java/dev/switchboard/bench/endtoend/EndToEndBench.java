package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.EmbeddedKafka;
import dev.switchboard.pipeline.FlinkSettings;
import dev.switchboard.pipeline.SwitchboardJob;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import dev.switchboard.pipeline.config.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The end-to-end benchmark: Kafka in, Kafka out, on a Flink MiniCluster with RocksDB, run one after
 * the other under identical settings for a passthrough job (the floor any job on this stack pays)
 * and for the real Switchboard job. For each: latency percentiles at a fixed rate from an open-loop
 * generator, the highest rate it sustains, and its checkpointed state.
 */
public final class EndToEndBench {
    private final BenchSettings settings;
    private final PrintWriter progress;

    public EndToEndBench(BenchSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
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
            return new BenchReport(settings, passthrough, switchboard, BenchReport.thisMachine());
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            EmbeddedKafka.deleteRecursively(work);
        }
    }

    private JobFigures runJob(String kind, String bootstrap, Path work) throws Exception {
        String prefix = "bench-" + kind + "-" + System.currentTimeMillis() + "-";
        JobOptions options = settings.job();
        options.kafka.bootstrapServers = bootstrap;
        options.runtime.checkpointDir =
                work.resolve(kind).resolve("checkpoints").toUri().toString();
        options.runtime.rocksDbLocalDir = work.resolve(kind).resolve("rocksdb").toString();
        options.runtime.parallelism = settings.parallelism();
        SwitchboardConfig config =
                options.toConfig()
                        .withTopics(
                                Topics.DEFAULTS.withPrefix(prefix),
                                prefix + "group",
                                prefix + "tx",
                                settings.delivery());
        String passthroughTopic = prefix + "bench.passthrough";
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bootstrap))) {
            List<String> names = new java.util.ArrayList<>(config.kafka().topics().all());
            names.add(passthroughTopic);
            admin.createTopics(
                            names.stream()
                                    .map(t -> new NewTopic(t, settings.parallelism(), (short) 1))
                                    .toList())
                    .all()
                    .get();
        }

        int restPort = FlinkRest.freePort();
        Configuration conf = FlinkSettings.forLocalRun(config);
        conf.setString("rest.port", Integer.toString(restPort));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        boolean switchboard = kind.equals("switchboard");
        if (switchboard) {
            SwitchboardJob.define(env, config, null);
        } else {
            PassthroughJob.define(env, config, passthroughTopic);
        }
        long submitted = System.nanoTime();
        JobClient job = env.executeAsync("bench-" + kind);
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
                    LoadGenerator generator =
                            new LoadGenerator(
                                    bootstrap,
                                    config.kafka().topics().messages(),
                                    settings.conversations(),
                                    settings.angryShare(),
                                    epoch)) {
                long steadyAt = warmUp(kind, generator, outputs);
                drain(generator, outputs);
                outputs.interval();
                if (decisions != null) {
                    decisions.interval();
                }
                long sentBefore = generator.messages();
                long receivedBefore = outputs.received();
                long decisionsBefore = decisions == null ? 0 : decisions.received();
                double achieved =
                        phase(
                                kind,
                                "measured",
                                generator,
                                outputs,
                                settings.rate(),
                                settings.duration());
                boolean drained = drain(generator, outputs);
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
                if (settings.findMax() && sustained) {
                    max = findMax(kind, generator, outputs);
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
                        (steadyAt - submitted) / 1_000_000);
            }
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Sends at the bench's rate in one-second steps, for at least {@code --warmup}, until the job
     * has caught up: its backlog at the end of three steps in a row under the bound the maximum
     * search uses. Measuring a job that is still behind would report its backlog as latency.
     *
     * @return when the steady state began (System.nanoTime)
     * @throws IllegalStateException when the job has not caught up within {@code --warmup-limit}
     */
    private long warmUp(String kind, LoadGenerator generator, LatencyConsumer outputs) {
        SteadyState steady = new SteadyState(settings.backlogLimit(settings.rate()), 3);
        long start = System.nanoTime();
        long shortest = start + settings.warmup().toNanos();
        long limit = start + settings.warmupLimit().toNanos();
        while (!(steady.reached() && System.nanoTime() >= shortest)) {
            if (System.nanoTime() >= limit) {
                throw new IllegalStateException(
                        String.format(
                                Locale.ROOT,
                                "the %s job did not catch up within %ds of warm-up at %,d msg/s: backlog %,d over the bound %,.0f",
                                kind,
                                settings.warmupLimit().toSeconds(),
                                settings.rate(),
                                lastBacklog,
                                settings.backlogLimit(settings.rate())));
            }
            phase(kind, "warm-up", generator, outputs, settings.rate(), Duration.ofSeconds(1));
            steady.sample(System.nanoTime(), lastBacklog);
            progress.printf(
                    "[%s] warm-up %.0f s: backlog %,d%s%n",
                    kind,
                    (System.nanoTime() - start) / 1e9,
                    lastBacklog,
                    steady.reached() ? ", caught up" : "");
            progress.flush();
        }
        return steady.since();
    }

    /**
     * Sends at {@code rate} for {@code length}, with a progress line every second; returns the rate
     * achieved.
     */
    private double phase(
            String kind,
            String name,
            LoadGenerator generator,
            LatencyConsumer outputs,
            int rate,
            Duration length) {
        long sentBefore = generator.sent();
        long messagesBefore = generator.messages();
        long receivedBefore = outputs.received();
        long start = System.nanoTime();
        generator.run(
                rate,
                length.toMillis() / 1000.0,
                () -> {
                    progress.printf(
                            "[%s] %s at %,d msg/s: sent %,d, out %,d%n",
                            kind,
                            name,
                            rate,
                            generator.messages() - messagesBefore,
                            outputs.received() - receivedBefore);
                    progress.flush();
                });
        lastBacklog = generator.messages() - outputs.received();
        return (generator.sent() - sentBefore) / ((System.nanoTime() - start) / 1e9);
    }

    /** Messages without an output yet when the last phase's sending ended. */
    private long lastBacklog;

    /**
     * Waits until every message sent has its output (at most a few seconds more than a checkpoint).
     */
    private boolean drain(LoadGenerator generator, LatencyConsumer outputs)
            throws InterruptedException {
        long deadline =
                System.nanoTime()
                        + Duration.ofSeconds(3)
                                .plus(settings.checkpointInterval().multipliedBy(2))
                                .toNanos();
        while (outputs.received() < generator.messages() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return outputs.received() >= generator.messages();
    }

    /**
     * Raises the rate by half each step until the job no longer keeps up: the generator cannot hold
     * the rate on this machine, the backlog at the step's end exceeds {@link
     * BenchSettings#backlogLimit}, the outputs do not catch up within the drain time, or p99 passes
     * {@link BenchSettings#p99Limit}.
     */
    private long findMax(String kind, LoadGenerator generator, LatencyConsumer outputs)
            throws InterruptedException {
        long best = settings.rate();
        for (long rate = Math.round(settings.rate() * 1.5);
                rate <= settings.maxRate();
                rate = Math.round(rate * 1.5)) {
            outputs.interval();
            double achieved =
                    phase(kind, "max search", generator, outputs, (int) rate, settings.step());
            long backlog = lastBacklog;
            boolean drained = drain(generator, outputs);
            double p99 = ms(outputs.interval().getValueAtPercentile(99));
            boolean kept =
                    drained
                            && achieved >= 0.95 * rate
                            && p99 <= settings.p99Limit()
                            && backlog <= settings.backlogLimit(rate);
            progress.printf(
                    Locale.ROOT,
                    "[%s] %,d msg/s: achieved %,.0f, p99 %.1f ms, backlog at end %,d, caught up %s -> %s%n",
                    kind,
                    rate,
                    achieved,
                    p99,
                    backlog,
                    drained,
                    kept ? "sustained" : "diverged");
            if (!kept) {
                break;
            }
            best = rate;
        }
        return best;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
