package dev.switchboard.pipeline.demo;

import dev.switchboard.board.EmbeddedKafka;
import dev.switchboard.pipeline.FlinkSettings;
import dev.switchboard.pipeline.SwitchboardJob;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded demo: a KRaft broker, the real job on a local MiniCluster with RocksDB, a replay of
 * sample conversations, then a live contact center ({@link LiveContactCenter}) that keeps
 * conversations coming, and a live print of every output, until Ctrl-C.
 */
public final class Demo {
    static final String SAMPLES = "/demo/sample-conversations.jsonl";

    /** The demo tenants' routing: intent models, skills and queue catalogues. */
    static final String ROUTING = "/demo/routing.json";

    /** How often the demo's queue systems report their queues. */
    static final long QUEUE_REPORT_MILLIS = 3_000;

    private final int kafkaPort;
    private final int controllerPort;
    private final Path replayFile;
    private final boolean replaySamples;
    private final Duration pace;
    private final double livePerMinute;
    private final JobOptions job;

    /** The demo's supervisors, one per sample tenant, all with password {@value #DEMO_PASSWORD}. */
    static final java.util.Map<dev.switchboard.board.Supervisor, String> SUPERVISORS =
            java.util.Map.of(
                    new dev.switchboard.board.Supervisor("ana", "acme"), Demo.DEMO_PASSWORD,
                    new dev.switchboard.board.Supervisor("gus", "globex"), Demo.DEMO_PASSWORD,
                    new dev.switchboard.board.Supervisor("ines", "initech"), Demo.DEMO_PASSWORD,
                    new dev.switchboard.board.Supervisor("nora", "northbank"), Demo.DEMO_PASSWORD);

    static final String DEMO_PASSWORD = "demo";

    private final int boardPort;

    /**
     * @param livePerMinute conversations a minute of the live contact center after the replay; 0
     *     for none
     */
    public Demo(
            int kafkaPort,
            int controllerPort,
            int boardPort,
            Path replayFile,
            boolean replaySamples,
            Duration pace,
            double livePerMinute,
            JobOptions job) {
        if (livePerMinute < 0) {
            throw new IllegalArgumentException(
                    "--live-rate must be 0 or more, was " + livePerMinute);
        }
        this.livePerMinute = livePerMinute;
        this.boardPort = boardPort;
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.replayFile = replayFile;
        this.replaySamples = replaySamples;
        this.pace = pace;
        this.job = job;
    }

    public int run() throws Exception {
        PrintStream out = System.out;
        long started = System.nanoTime();
        if (replayFile != null && !Files.isReadable(replayFile)) {
            throw new IllegalArgumentException("--replay: cannot read " + replayFile);
        }
        Path work = Files.createTempDirectory("switchboard-demo-");
        out.println("Starting Kafka broker (KRaft) on 127.0.0.1:" + kafkaPort + " ...");
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaPort, controllerPort);
        job.kafka.bootstrapServers = kafka.bootstrapServers();
        job.runtime.checkpointDir = work.resolve("checkpoints").toUri().toString();
        job.runtime.rocksDbLocalDir = work.resolve("rocksdb").toString();
        if (job.routing.routingFile == null && (replaySamples || livePerMinute > 0)) {
            job.routing.routingFile = work.resolve("routing.json");
            try (InputStream routing = Demo.class.getResourceAsStream(ROUTING)) {
                Files.copy(routing, job.routing.routingFile);
            }
            out.println("Routing the sample tenants with " + ROUTING + " (see docs/routing.md)");
        }
        SwitchboardConfig config = job.toConfig();
        kafka.createTopics(config.kafka().topics().all(), 2);
        kafka.createTopics(java.util.List.of(dev.switchboard.board.BoardSettings.ACKS_TOPIC), 2);

        LivePrinter printer =
                new LivePrinter(
                        kafka.bootstrapServers(),
                        config.kafka().topics().outputs(),
                        config.kafka().delivery() == DeliveryMode.EXACTLY_ONCE
                                ? "read_committed"
                                : "read_uncommitted",
                        out);
        Thread printerThread = new Thread(printer, "demo-printer");
        printerThread.start();

        out.println(
                "Starting the Switchboard job on a Flink MiniCluster (RocksDB, "
                        + config.kafka().delivery()
                        + ") ...");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkSettings.forLocalRun(config));
        JobClient client = SwitchboardJob.start(env, config, null);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("Stopping ...");
                                    try {
                                        client.cancel().get();
                                    } catch (Exception ignored) {
                                        // The MiniCluster may already be shutting down with the
                                        // JVM.
                                    }
                                    printer.stop();
                                    try {
                                        printerThread.join(2000);
                                        kafka.close();
                                        EmbeddedKafka.deleteRecursively(work);
                                    } catch (Exception ignored) {
                                        // Best effort on the way out.
                                    }
                                    stopped.countDown();
                                },
                                "demo-shutdown"));

        dev.switchboard.board.BoardServer board = null;
        if (boardPort >= 0) {
            board =
                    new dev.switchboard.board.BoardServer(
                                    new dev.switchboard.board.BoardSettings(
                                            kafka.bootstrapServers(),
                                            "127.0.0.1",
                                            boardPort,
                                            config.kafka().topics().escalations(),
                                            config.kafka().topics().scores(),
                                            config.kafka().topics().routing(),
                                            config.kafka().topics().conversations(),
                                            config.kafka().topics().insights(),
                                            dev.switchboard.board.BoardSettings.ACKS_TOPIC,
                                            dev.switchboard.board.Accounts.of(SUPERVISORS)))
                            .start();
        }

        out.printf("%nSwitchboard demo is up after %.1f s.%n", (System.nanoTime() - started) / 1e9);
        if (board != null) {
            out.println(
                    "  Supervisor board: http://127.0.0.1:"
                            + board.port()
                            + "/  (sign in as ana (acme), gus (globex), ines (initech)"
                            + " or nora (northbank), password '"
                            + DEMO_PASSWORD
                            + "')");
        }
        out.println("  Kafka bootstrap servers: " + kafka.bootstrapServers());
        out.println(
                "  Produce contract records to '"
                        + config.kafka().topics().messages()
                        + "' (key tenant/conversationId);");
        out.println("  read " + String.join(", ", config.kafka().topics().outputs()) + ".");
        out.println("  Ctrl-C stops it.\n");

        QueueFeed queues =
                replaySamples || replayFile != null || livePerMinute > 0
                        ? new QueueFeed(
                                kafka.bootstrapServers(),
                                config.kafka().topics().queueStatus(),
                                QUEUE_REPORT_MILLIS,
                                out)
                        : null;
        if (replaySamples || replayFile != null) {
            try (InputStream lines =
                    replayFile != null
                            ? Files.newInputStream(replayFile)
                            : Demo.class.getResourceAsStream(SAMPLES)) {
                int sent =
                        Replay.run(
                                lines,
                                kafka.bootstrapServers(),
                                config.kafka().topics(),
                                pace,
                                queues,
                                out);
                out.println("(replayed " + sent + " records; the broker stays up for your own)");
            }
        }
        if (livePerMinute > 0) {
            if (!replaySamples) {
                // The live tenants are the samples'; their queues report as in the sample file.
                Replay.queueStatuses(Demo.class.getResourceAsStream(SAMPLES), queues);
            }
            LiveContactCenter live =
                    new LiveContactCenter(
                            kafka.bootstrapServers(),
                            config.kafka().topics().messages(),
                            livePerMinute,
                            System.nanoTime());
            Thread liveThread = new Thread(live, "demo-live-contact-center");
            liveThread.setDaemon(true);
            liveThread.start();
            out.printf(
                    "%n>> the live contact center is open: about %.0f conversations a minute across"
                            + " acme, globex (en, es, fr), northbank and initech; a refund"
                            + " complaint surge at acme from minute %d, and acme's angry customers"
                            + " all handed to %s from minute %d. Ctrl-C stops it.%n%n",
                    livePerMinute,
                    ContactCenter.SURGE_START_MS / 60_000,
                    ContactCenter.STRAINED_AGENT,
                    ContactCenter.STRAIN_START_MS / 60_000);
        }
        stopped.await();
        return 0;
    }
}
