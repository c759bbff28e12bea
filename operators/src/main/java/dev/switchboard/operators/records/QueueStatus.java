package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;

/**
 * The live status of one queue of one tenant, as published on {@code switchboard.queue-status} by
 * the queue-management system: what it can handle and how busy it is.
 */
public class QueueStatus {
    public String tenant;
    public String queue;

    /** Skills its agents have, e.g. {@code billing}, {@code cards}. */
    public List<String> skills = new ArrayList<>();

    /** ISO 639-1 codes of the languages its agents speak. */
    public List<String> languages = new ArrayList<>();

    public int agentsAvailable;

    /** Contacts waiting in the queue now. */
    public int waiting;

    public double avgWaitSeconds;

    /** When the status was true, epoch ms. */
    public long ts;

    public QueueStatus() {}

    @Override
    public String toString() {
        return "QueueStatus{"
                + tenant
                + "/"
                + queue
                + " skills="
                + skills
                + " languages="
                + languages
                + " agents="
                + agentsAvailable
                + " waiting="
                + waiting
                + " avgWait="
                + avgWaitSeconds
                + "s}";
    }
}
