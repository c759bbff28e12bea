package dev.switchboard.board;

import java.time.Duration;
import java.util.List;

/**
 * Where the board listens, what it reads, and its limits.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param host the interface to listen on ({@code 0.0.0.0} for all)
 * @param port the HTTP port; 0 picks a free one
 * @param escalationsTopic the job's escalation decisions
 * @param scoresTopic the job's scores
 * @param routingTopic the job's routing decisions
 * @param conversationsTopic the job's conversation summaries (a closed conversation leaves the
 *     board)
 * @param insightsTopic the job's complaint surges and agents under strain
 * @param acksTopic where supervisors' acknowledgements are published (and read back, so every board
 *     instance shows them)
 * @param accounts the supervisors who may sign in
 * @param limits sessions, streams, request sizes, sign-in rates and where reading starts
 */
public record BoardSettings(
        String bootstrapServers,
        String host,
        int port,
        String escalationsTopic,
        String scoresTopic,
        String routingTopic,
        String conversationsTopic,
        String insightsTopic,
        String acksTopic,
        Accounts accounts,
        Limits limits) {
    public static final String ACKS_TOPIC = "switchboard.acks";

    /** Every topic the board reads. */
    public List<String> topics() {
        return List.of(
                escalationsTopic,
                scoresTopic,
                routingTopic,
                conversationsTopic,
                insightsTopic,
                acksTopic);
    }

    public BoardSettings(
            String bootstrapServers,
            String host,
            int port,
            String escalationsTopic,
            String scoresTopic,
            String routingTopic,
            String conversationsTopic,
            String insightsTopic,
            String acksTopic,
            Accounts accounts) {
        this(
                bootstrapServers,
                host,
                port,
                escalationsTopic,
                scoresTopic,
                routingTopic,
                conversationsTopic,
                insightsTopic,
                acksTopic,
                accounts,
                Limits.DEFAULTS);
    }

    /**
     * @param secureCookies the board is served over TLS (directly or behind a reverse proxy that
     *     terminates it): the session cookie is {@code Secure} and named with the {@code __Host-}
     *     prefix, so no subdomain and no plain-HTTP page can set or read it
     * @param sessionIdle a session unused this long ends
     * @param sessionMax a session ends this long after sign-in, used or not
     * @param streamsPerSession live event streams one session may hold (tabs)
     * @param streamQueue events queued for one stream; a client that falls this far behind is
     *     dropped (its page reconnects and gets a fresh snapshot)
     * @param heartbeat how often a quiet stream gets a comment, so dead connections are noticed
     * @param maxBodyBytes the largest request body read, chunked or not
     * @param signInAttempts sign-in attempts allowed in a burst, per username and per address
     * @param signInRefill how often one more attempt is allowed after the burst
     * @param concurrentHashChecks password checks run at once (each is a full PBKDF2 run)
     * @param lookback how far back (record time) the board starts reading the topics
     * @param maxConversations conversations kept in memory per tenant; the ones nobody needs to see
     *     go first
     */
    public record Limits(
            boolean secureCookies,
            Duration sessionIdle,
            Duration sessionMax,
            int streamsPerSession,
            int streamQueue,
            Duration heartbeat,
            int maxBodyBytes,
            int signInAttempts,
            Duration signInRefill,
            int concurrentHashChecks,
            Duration lookback,
            int maxConversations) {
        public static final Limits DEFAULTS =
                new Limits(
                        false,
                        Duration.ofMinutes(30),
                        Duration.ofHours(12),
                        4,
                        1_000,
                        Duration.ofSeconds(15),
                        16 * 1024,
                        5,
                        Duration.ofMinutes(1),
                        Math.max(2, Runtime.getRuntime().availableProcessors()),
                        Duration.ofDays(2),
                        20_000);

        public Limits {
            require(
                    !sessionIdle.isNegative() && !sessionIdle.isZero(),
                    "--session-idle must be positive");
            require(
                    sessionMax.compareTo(sessionIdle) >= 0,
                    "--session-max must be at least --session-idle");
            require(streamsPerSession >= 1, "--streams-per-session must be at least 1");
            require(streamQueue >= 16, "--stream-queue must be at least 16");
            require(!heartbeat.isNegative() && !heartbeat.isZero(), "--heartbeat must be positive");
            require(maxBodyBytes >= 1024, "--max-body-bytes must be at least 1024");
            require(signInAttempts >= 1, "--sign-in-attempts must be at least 1");
            require(
                    !signInRefill.isNegative() && !signInRefill.isZero(),
                    "--sign-in-refill must be positive");
            require(concurrentHashChecks >= 1, "--concurrent-sign-ins must be at least 1");
            require(!lookback.isNegative() && !lookback.isZero(), "--lookback must be positive");
            require(maxConversations >= 100, "--max-conversations must be at least 100");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
