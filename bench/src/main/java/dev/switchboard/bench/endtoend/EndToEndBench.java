package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.pipeline.FlinkSettings;
import dev.switchboard.pipeline.SwitchboardJob;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import dev.switchboard.pipeline.config.Topics;
import dev.switchboard.pipeline.demo.EmbeddedKafka;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobStatus;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to measure, and the job's own options ({@code switchboard run}'s, parsed once):
     * delivery, parallelism, checkpoint interval, buffer timeout and the rest apply to the
     * benchmarked job exactly as to a real run; the bench points it at its broker and its own work
     * directories.
     *
     * @param job the job's options; parallelism 0 means one per core, as a local run does
     * @param externalKafka an existing Kafka, or null for an in-process broker
     * @param maxRate the highest rate the search for the sustained maximum tries
     */
    public record Settings(
            Duration duration,
            int rate,
            int conversations,
            Duration warmup,
            Duration step,
            double angryShare,
            boolean findMax,
            int maxRate,
            JobOptions job,
            String externalKafka) {
        public DeliveryMode delivery() {
            return DeliveryMode.fromFlag(job.delivery);
        }

        /** The job's parallelism, and the partitions of each topic. */
        public int parallelism() {
            return job.parallelism > 0
                    ? job.parallelism
                    : Runtime.getRuntime().availableProcessors();
        }

        public Duration checkpointInterval() {
            return job.checkpointInterval;
        }

        public Duration bufferTimeout() {
            return job.bufferTimeout;
        }

        public String bootstrapServers() {
            return externalKafka;
        }
    }

    /** One job's figures; latencies in milliseconds, null where not measured. */
    public record JobFigures(
            String job,
            long sent,
            long received,
            double achievedRate,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double p999Ms,
            double maxMs,
            Double decisionP99Ms,
            long decisions,
            long maxMsgsPerSecond,
            Long stateBytes,
            Double stateBytesPerConversation,
            Long checkpointMs) {}

    public record Report(
            Settings settings, JobFigures passthrough, JobFigures switchboard, String machine) {
        public double p99Ratio() {
            return switchboard.p99Ms() / passthrough.p99Ms();
        }

        public Double throughputRatio() {
            return passthrough.maxMsgsPerSecond() == 0
                    ? null
                    : (double) switchboard.maxMsgsPerSecond() / passthrough.maxMsgsPerSecond();
        }
    }

    private final Settings settings;
    private final PrintWriter progress;

    public EndToEndBench(Settings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Report run() throws Exception {
        Path work = Files.createTempDirectory("switchboard-bench-");
        EmbeddedKafka kafka = null;
        String bootstrap = settings.bootstrapServers();
        try {
            if (bootstrap == null) {
                kafka = EmbeddedKafka.start(freePort(), freePort());
                bootstrap = kafka.bootstrapServers();
                progress.println("in-process Kafka broker at " + bootstrap);
            }
            JobFigures passthrough = runJob("passthrough", bootstrap, work);
            JobFigures switchboard = runJob("switchboard", bootstrap, work);
            return new Report(settings, passthrough, switchboard, machine());
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
        options.bootstrapServers = bootstrap;
        options.checkpointDir = work.resolve(kind).resolve("checkpoints").toUri().toString();
        options.rocksDbLocalDir = work.resolve(kind).resolve("rocksdb").toString();
        options.parallelism = settings.parallelism();
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

        int restPort = freePort();
        Configuration conf = FlinkSettings.forJob(config);
        conf.setString("rest.port", Integer.toString(restPort));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        boolean switchboard = kind.equals("switchboard");
        if (switchboard) {
            SwitchboardJob.define(env, config, null);
        } else {
            PassthroughJob.define(env, config, passthroughTopic);
        }
        JobClient job = env.executeAsync("bench-" + kind);
        try {
            awaitRunning(job, restPort);
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
                phase(kind, "warm-up", generator, outputs, settings.rate(), settings.warmup());
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
                                && ms(h.getValueAtPercentile(99)) <= p99Limit();
                long max = sustained ? settings.rate() : 0;
                long decisionCount = decisions == null ? 0 : decisions.received() - decisionsBefore;
                JsonNode checkpoint = latestCheckpoint(job, restPort, System.currentTimeMillis());
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
                        checkpoint == null
                                ? null
                                : checkpoint.path("end_to_end_duration").asLong());
            }
        } finally {
            job.cancel().get();
        }
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
     * The p99 above which a rate counts as not sustained: 500 ms, plus the checkpoint interval in
     * exactly-once mode (where outputs wait for the checkpoint that commits them).
     */
    private double p99Limit() {
        return 500
                + (settings.delivery() == DeliveryMode.EXACTLY_ONCE
                        ? settings.checkpointInterval().toMillis()
                        : 0);
    }

    /**
     * The backlog at the end of a step above which the job is falling behind: a quarter second of
     * input (plus a checkpoint interval when exactly-once).
     */
    private double backlogLimit(long rate) {
        return rate * (p99Limit() - 250) / 1000.0;
    }

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
     * the rate on this machine, the backlog at the step's end exceeds {@link #backlogLimit}, the
     * outputs do not catch up within the drain time, or p99 passes {@link #p99Limit}.
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
                            && p99 <= p99Limit()
                            && backlog <= backlogLimit(rate);
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

    private void awaitRunning(JobClient job, int restPort) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (job.getJobStatus().get() == JobStatus.RUNNING) {
                JsonNode details = rest(restPort, "/jobs/" + job.getJobID());
                boolean allRunning = details != null && details.path("vertices").size() > 0;
                for (JsonNode v :
                        details == null ? JSON.createArrayNode() : details.path("vertices")) {
                    allRunning &= "RUNNING".equals(v.path("status").asText());
                }
                if (allRunning) {
                    Thread.sleep(1000);
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the benchmark job did not start within 60 s");
    }

    /** The latest checkpoint completed after {@code after} (waits up to two intervals for one). */
    private JsonNode latestCheckpoint(JobClient job, int restPort, long after) throws Exception {
        long deadline =
                System.nanoTime()
                        + settings.checkpointInterval().multipliedBy(3).plusSeconds(5).toNanos();
        JsonNode latest = null;
        while (System.nanoTime() < deadline) {
            JsonNode stats = rest(restPort, "/jobs/" + job.getJobID() + "/checkpoints");
            latest = stats == null ? null : stats.path("latest").path("completed");
            if (latest != null
                    && !latest.isMissingNode()
                    && !latest.isNull()
                    && latest.path("trigger_timestamp").asLong() >= after) {
                return latest;
            }
            Thread.sleep(200);
        }
        return latest == null || latest.isMissingNode() || latest.isNull() ? null : latest;
    }

    private static JsonNode rest(int port, String path) {
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://localhost:" + port + path))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors()
                + " cores, "
                + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB max heap, "
                + System.getProperty("java.vm.name")
                + " "
                + System.getProperty("java.version")
                + ", "
                + System.getProperty("os.name")
                + " "
                + System.getProperty("os.arch");
    }

    public static void printTable(Report r, PrintWriter out) {
        JobFigures p = r.passthrough();
        JobFigures s = r.switchboard();
        out.printf(
                Locale.ROOT,
                "%nEnd-to-end benchmark: %,d msg/s for %ds, %,d conversations, %s, parallelism %d, checkpoints every %ds, buffer timeout %dms (%s)%n",
                r.settings().rate(),
                r.settings().duration().toSeconds(),
                r.settings().conversations(),
                r.settings().delivery().flag(),
                r.settings().parallelism(),
                r.settings().checkpointInterval().toSeconds(),
                r.settings().bufferTimeout().toMillis(),
                r.machine());
        out.printf("%-36s %14s %14s %10s%n", "", "passthrough", "switchboard", "ratio");
        row(
                out,
                "messages sent / outputs read",
                p.sent() + " / " + p.received(),
                s.sent() + " / " + s.received(),
                "");
        row(out, "rate achieved (msg/s)", f0(p.achievedRate()), f0(s.achievedRate()), "");
        row(out, "latency p50 (ms)", f2(p.p50Ms()), f2(s.p50Ms()), f2(s.p50Ms() / p.p50Ms()));
        row(out, "latency p90 (ms)", f2(p.p90Ms()), f2(s.p90Ms()), f2(s.p90Ms() / p.p90Ms()));
        row(out, "latency p99 (ms)", f2(p.p99Ms()), f2(s.p99Ms()), f2(r.p99Ratio()));
        row(out, "latency p99.9 (ms)", f2(p.p999Ms()), f2(s.p999Ms()), f2(s.p999Ms() / p.p999Ms()));
        row(out, "latency max (ms)", f2(p.maxMs()), f2(s.maxMs()), "");
        row(
                out,
                "escalation decisions, p99 (ms)",
                "",
                s.decisions() + ", " + (s.decisionP99Ms() == null ? "n/a" : f2(s.decisionP99Ms())),
                "");
        row(
                out,
                "max sustained (msg/s)" + (r.settings().findMax() ? "" : " [not searched]"),
                f0(p.maxMsgsPerSecond()),
                f0(s.maxMsgsPerSecond()),
                r.throughputRatio() == null ? "n/a" : f2(r.throughputRatio()));
        row(
                out,
                "checkpointed state (bytes)",
                p.stateBytes() == null ? "n/a" : f0(p.stateBytes()),
                s.stateBytes() == null ? "n/a" : f0(s.stateBytes()),
                "");
        row(
                out,
                "state per open conversation (bytes)",
                "",
                s.stateBytesPerConversation() == null ? "n/a" : f0(s.stateBytesPerConversation()),
                "");
        row(
                out,
                "checkpoint duration (ms)",
                p.checkpointMs() == null ? "n/a" : f0(p.checkpointMs()),
                s.checkpointMs() == null ? "n/a" : f0(s.checkpointMs()),
                "");
        out.flush();
    }

    private static void row(PrintWriter out, String name, String a, String b, String c) {
        out.printf("%-36s %14s %14s %10s%n", name, a, b, c);
    }

    private static String f0(double x) {
        return String.format(Locale.ROOT, "%,.0f", x);
    }

    private static String f2(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    public static String json(Report r) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode settings = root.putObject("settings");
        settings.put("rate", r.settings().rate());
        settings.put("durationSeconds", r.settings().duration().toSeconds());
        settings.put("conversations", r.settings().conversations());
        settings.put("delivery", r.settings().delivery().flag());
        settings.put("parallelism", r.settings().parallelism());
        settings.put("machine", r.machine());
        root.set("passthrough", figures(r.passthrough()));
        root.set("switchboard", figures(r.switchboard()));
        root.put("p99Ratio", r.p99Ratio());
        if (r.throughputRatio() == null) {
            root.putNull("throughputRatio");
        } else {
            root.put("throughputRatio", r.throughputRatio());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static ObjectNode figures(JobFigures f) {
        ObjectNode j = JSON.valueToTree(f);
        j.remove("job");
        return j;
    }
}
