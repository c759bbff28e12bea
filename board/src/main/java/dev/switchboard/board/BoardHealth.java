package dev.switchboard.board;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How the board is doing, for {@code /healthz} and the page: whether its feed reads the job's
 * topics and since when, how many records it has read and skipped, and how many event streams it
 * has dropped for falling behind.
 */
final class BoardHealth {
    enum Status {
        STARTING,
        CATCHING_UP,
        LIVE,
        RECONNECTING
    }

    private volatile Status status = Status.STARTING;
    private volatile long since = System.currentTimeMillis();
    private volatile String problem;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong streamsDropped = new AtomicLong();

    /** Sets the status; true when it changed. */
    synchronized boolean set(Status next, String why) {
        problem = why;
        if (next == status) {
            return false;
        }
        status = next;
        since = System.currentTimeMillis();
        return true;
    }

    void read() {
        read.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    void streamDropped() {
        streamsDropped.incrementAndGet();
    }

    /** Serving: the feed reads (live or catching up). */
    boolean healthy() {
        return status == Status.LIVE || status == Status.CATCHING_UP;
    }

    String json() {
        return "{\"feed\":\""
                + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + "\",\"since\":"
                + since
                + ",\"recordsRead\":"
                + read.get()
                + ",\"recordsSkipped\":"
                + skipped.get()
                + ",\"streamsDropped\":"
                + streamsDropped.get()
                + (problem == null ? "" : ",\"problem\":\"" + problem.replace("\"", "'") + "\"")
                + "}";
    }
}
