package dev.switchboard.board;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) inside this JVM: the one
 * embedded broker of the demo, the benchmark and the tests. Its data lives in a temporary directory
 * that {@link #close()} deletes; {@link #stop()} and {@link #restart()} take it away and bring it
 * back on the same ports with its data, as an outage would.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Properties props;
    private final Path logDir;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private EmbeddedKafka(Properties props, Path logDir, String bootstrapServers) {
        this.props = props;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker on two ports that are free now (held together while they are chosen, so they
     * differ; another process may still take one before the broker binds it).
     */
    public static EmbeddedKafka startOnFreePorts() throws IOException {
        try (ServerSocket broker = new ServerSocket(0);
                ServerSocket controller = new ServerSocket(0)) {
            int brokerPort = broker.getLocalPort();
            int controllerPort = controller.getLocalPort();
            broker.close();
            controller.close();
            return start(brokerPort, controllerPort);
        }
    }

    /** Formats storage and starts a broker listening on 127.0.0.1:{@code port}. */
    public static EmbeddedKafka start(int port, int controllerPort) throws IOException {
        Path logDir = Files.createTempDirectory("switchboard-kafka-");
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.resolve("data").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Outputs carry their event time as record time, and replays and tests use old event
        // times: time-based retention would delete them before they are read.
        props.put("log.retention.ms", "-1");
        Path propsFile = logDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "switchboard embedded broker");
        }
        int formatted =
                StorageTool.execute(
                        new String[] {
                            "format",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            propsFile.toString(),
                            "--ignore-formatted"
                        },
                        new PrintStream(OutputStream.nullOutputStream()));
        if (formatted != 0) {
            throw new IOException(
                    "formatting the embedded broker's storage failed (exit " + formatted + ")");
        }
        EmbeddedKafka kafka = new EmbeddedKafka(props, logDir, "127.0.0.1:" + port);
        kafka.restart();
        return kafka;
    }

    /** Starts the broker (again, after {@link #stop()}), on the same ports and with its data. */
    public synchronized void restart() {
        if (server == null) {
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
        }
    }

    /** Stops the broker and keeps its data: clients see it gone until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<String> topics, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing =
                    topics.stream()
                            .filter(t -> !existing.contains(t))
                            .map(t -> new NewTopic(t, partitions, (short) 1))
                            .toList();
            admin.createTopics(missing).all().get();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        deleteRecursively(logDir);
    }

    public static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
