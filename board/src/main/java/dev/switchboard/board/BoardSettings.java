package dev.switchboard.board;

/**
 * Where the board listens and what it reads.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param host the interface to listen on ({@code 0.0.0.0} for all)
 * @param port the HTTP port; 0 picks a free one
 * @param escalationsTopic the job's escalation decisions
 * @param scoresTopic the job's scores
 * @param routingTopic the job's routing decisions
 * @param conversationsTopic the job's conversation summaries (a closed conversation leaves the board)
 * @param acksTopic where supervisors' acknowledgements are published (and read back, so every board
 *     instance shows them)
 * @param accounts the supervisors who may sign in
 */
public record BoardSettings(
        String bootstrapServers,
        String host,
        int port,
        String escalationsTopic,
        String scoresTopic,
        String routingTopic,
        String conversationsTopic,
        String acksTopic,
        Accounts accounts) {
    public static final String ACKS_TOPIC = "switchboard.acks";
}
