package dev.switchboard.pipeline.cli;

import dev.switchboard.board.Accounts;
import dev.switchboard.board.BoardServer;
import dev.switchboard.board.BoardSettings;
import dev.switchboard.board.PasswordHash;
import dev.switchboard.pipeline.config.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard board}: the supervisors' live page over the job's output topics. */
@Command(
        name = "board",
        mixinStandardHelpOptions = true,
        subcommands = BoardCommand.HashPassword.class,
        description = {
            "Serve the supervisor board: live escalations, scores and routing per tenant, with sign-in and acknowledgements.",
            "It reads the topics from the start, so it shows the current state however late it starts. See docs/board.md."
        })
public class BoardCommand implements Callable<Integer> {
    @Option(
            names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).",
            defaultValue = "localhost:9092")
    String bootstrapServers;

    @Option(
            names = "--host",
            description = "Interface to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String host;

    @Option(
            names = "--port",
            description = "HTTP port (default: ${DEFAULT-VALUE}).",
            defaultValue = "8080")
    int port;

    @Option(
            names = "--accounts",
            description = "Supervisors' accounts as a JSON file (docs/board.md); required.")
    Path accounts;

    @Option(
            names = "--escalations-topic",
            defaultValue = Topics.ESCALATIONS,
            description = "(default: ${DEFAULT-VALUE})")
    String escalationsTopic;

    @Option(
            names = "--scores-topic",
            defaultValue = Topics.SCORES,
            description = "(default: ${DEFAULT-VALUE})")
    String scoresTopic;

    @Option(
            names = "--routing-topic",
            defaultValue = Topics.ROUTING,
            description = "(default: ${DEFAULT-VALUE})")
    String routingTopic;

    @Option(
            names = "--conversations-topic",
            defaultValue = Topics.CONVERSATIONS,
            description = "(default: ${DEFAULT-VALUE})")
    String conversationsTopic;

    @Option(
            names = "--insights-topic",
            defaultValue = Topics.INSIGHTS,
            description = "(default: ${DEFAULT-VALUE})")
    String insightsTopic;

    @Option(
            names = "--acks-topic",
            defaultValue = BoardSettings.ACKS_TOPIC,
            description = "Supervisors' acknowledgements (default: ${DEFAULT-VALUE}).")
    String acksTopic;

    @Option(
            names = "--secure-cookies",
            description =
                    "The board is served over TLS (directly or behind a reverse proxy that terminates it): the session cookie is Secure and __Host- prefixed.")
    boolean secureCookies;

    @Option(
            names = "--session-idle",
            description =
                    "A session unused this long ends, with its streams (default: ${DEFAULT-VALUE}).",
            defaultValue = "30m")
    java.time.Duration sessionIdle;

    @Option(
            names = "--session-max",
            description = "A session ends this long after sign-in (default: ${DEFAULT-VALUE}).",
            defaultValue = "12h")
    java.time.Duration sessionMax;

    @Option(
            names = "--streams-per-session",
            description =
                    "Live event streams (tabs) one session may hold (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int streamsPerSession;

    @Option(
            names = "--sign-in-attempts",
            description =
                    "Sign-in attempts in a burst per username and per address, then one per --sign-in-refill (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int signInAttempts;

    @Option(
            names = "--sign-in-refill",
            description = "(default: ${DEFAULT-VALUE})",
            defaultValue = "1m")
    java.time.Duration signInRefill;

    @Option(
            names = "--lookback",
            description =
                    "Start reading the topics from records this old (record time), not from the start of their retention (default: ${DEFAULT-VALUE}).",
            defaultValue = "2d")
    java.time.Duration lookback;

    @Option(
            names = "--max-conversations",
            description =
                    "Conversations kept in memory per tenant; those below watch are dropped first (default: ${DEFAULT-VALUE}).",
            defaultValue = "20000")
    int maxConversations;

    @Override
    public Integer call() throws Exception {
        if (accounts == null) {
            throw new IllegalArgumentException(
                    "--accounts is required: the supervisors who may sign in (docs/board.md)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, was " + port);
        }
        BoardSettings.Limits d = BoardSettings.Limits.DEFAULTS;
        BoardSettings.Limits limits =
                new BoardSettings.Limits(
                        secureCookies,
                        sessionIdle,
                        sessionMax,
                        streamsPerSession,
                        d.streamQueue(),
                        d.heartbeat(),
                        d.maxBodyBytes(),
                        signInAttempts,
                        signInRefill,
                        d.concurrentHashChecks(),
                        lookback,
                        maxConversations);
        BoardSettings settings =
                new BoardSettings(
                        bootstrapServers,
                        host,
                        port,
                        escalationsTopic,
                        scoresTopic,
                        routingTopic,
                        conversationsTopic,
                        insightsTopic,
                        acksTopic,
                        Accounts.read(accounts),
                        limits);
        BoardServer server = new BoardServer(settings).start();
        System.out.println(
                "Supervisor board on http://" + host + ":" + server.port() + "/ (Ctrl-C stops it)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.close();
                                    stopped.countDown();
                                },
                                "board-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * {@code switchboard board hash-password}: a hash for the accounts file, from a password on
     * stdin.
     */
    @Command(
            name = "hash-password",
            mixinStandardHelpOptions = true,
            description =
                    "Read a password from standard input (one line) and print its hash for the accounts file.")
    static class HashPassword implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            char[] password =
                    System.console() != null
                            ? System.console().readPassword("Password: ")
                            : new BufferedReader(
                                            new InputStreamReader(
                                                    System.in, StandardCharsets.UTF_8))
                                    .readLine()
                                    .toCharArray();
            if (password == null || password.length < 8) {
                throw new IllegalArgumentException("a password needs at least 8 characters");
            }
            System.out.println(PasswordHash.hash(password));
            return 0;
        }
    }
}
