package dev.switchboard.bench.endtoend;

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
