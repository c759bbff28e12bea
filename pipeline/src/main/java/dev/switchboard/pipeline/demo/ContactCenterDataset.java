package dev.switchboard.pipeline.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The demo's contact center in simulated time, written as a JSONL file of contract records for the
 * backtest: conversations start as a Poisson process at {@code perMinute}, each record stamped with
 * its event time. Without scenarios the traffic is steady (no surge, no strained agent): what the
 * insight detectors must stay quiet on.
 */
public final class ContactCenterDataset {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LOOKAHEAD_MS = 1_000;

    private ContactCenterDataset() {}

    /** Writes {@code length} of traffic from {@code startMs}; returns the records written. */
    public static long write(
            Path output,
            long seed,
            long startMs,
            Duration length,
            double perMinute,
            boolean scenarios,
            int agentsPerTenant)
            throws IOException {
        if (!(perMinute > 0)) {
            throw new IllegalArgumentException("--per-minute must be positive, was " + perMinute);
        }
        ContactCenter center = new ContactCenter(seed, startMs, scenarios, agentsPerTenant);
        Random gaps = new Random(seed + 1);
        double meanGapMs = 60_000 / perMinute;
        long end = startMs + length.toMillis();
        PriorityQueue<ContactCenter.Scheduled> due =
                new PriorityQueue<>(Comparator.comparingLong(ContactCenter.Scheduled::atMs));
        long nextStart = startMs;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            while (nextStart < end || !due.isEmpty()) {
                // A conversation's first records may come a little before its start (a voice
                // segment's partial): made up a second ahead, nothing earlier is written after it.
                if (nextStart < end
                        && (due.isEmpty() || nextStart - LOOKAHEAD_MS <= due.peek().atMs())) {
                    due.addAll(center.next(nextStart));
                    nextStart +=
                            Math.max(1, Math.round(-Math.log(1 - gaps.nextDouble()) * meanGapMs));
                } else {
                    ContactCenter.Scheduled s = due.poll();
                    s.record().put("ts", s.atMs());
                    out.write(JSON.writeValueAsString(s.record()));
                    out.newLine();
                    written++;
                }
            }
        }
        return written;
    }
}
