package dev.switchboard.pipeline.backtest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a dialogue file of the User Satisfaction Simulation set (USS, Sun et al., SIGIR 2021) into
 * conversations in the input contract, each ending with an outcome from the annotators' overall
 * rating, so that {@code switchboard backtest} can judge the escalation policy on task-oriented
 * service dialogues whose users said how satisfied they were.
 *
 * <p>The mapping, fixed before any backtest was run and not tuned to its result:
 *
 * <ul>
 *   <li>Each dialogue (blank-line separated) is a chat conversation ({@code tenant "uss"}, {@code
 *       conversationId "<file>-<n>"}, n counting from 1 in file order); USER lines are the
 *       customer's messages, SYSTEM lines the agent's, in file order, {@link #TURN_GAP_MS} apart;
 *       each dialogue starts an hour after the previous one.
 *   <li>Outcome from the {@code OVERALL} line's ratings (1-5, one per annotator): their mean,
 *       rounded half to even, is {@code dissatisfied} at 2 or below, {@code neutral} at 3, {@code
 *       satisfied} at 4 or above. This is the rounding behind the counts in the data's README
 *       (ReDial 73 / 608 / 319, CCPE 37 / 407 / 56). A dialogue without an {@code OVERALL} line
 *       gets no outcome.
 *   <li>The per-turn ratings and dialogue acts are not carried: the job never sees labels.
 * </ul>
 *
 * <p>The annotations carry no stated licence: the set serves development and evaluation only, and
 * no shipped model is trained on it.
 */
public final class UssConversations {
    /** Chat turns arrive this far apart in event time. */
    static final long TURN_GAP_MS = 15_000;

    public static final String DISSATISFIED = "dissatisfied";
    public static final String NEUTRAL = "neutral";
    public static final String SATISFIED = "satisfied";

    /** Counts of what was written. */
    public record Counts(
            int conversations,
            int dissatisfied,
            int neutral,
            int satisfied,
            int unlabelled,
            int records) {}

    private record Turn(String role, String text) {}

    private UssConversations() {}

    public static Counts convert(Path ussFile, Path output) throws IOException {
        return convert(List.of(ussFile), output);
    }

    /**
     * Converts several files into one: the second file's dialogues start an hour after the first
     * file's last, so event time only moves forward, as the job expects of one stream.
     */
    public static Counts convert(List<Path> ussFiles, Path output) throws IOException {
        int[] byOutcome = new int[4];
        int records = 0;
        int conversations = 0;
        long[] base = {MeldConversations.START};
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (Path file : ussFiles) {
                int[] written = convertOne(file, out, base, byOutcome);
                conversations += written[0];
                records += written[1];
            }
        }
        return new Counts(
                conversations, byOutcome[0], byOutcome[1], byOutcome[2], byOutcome[3], records);
    }

    /**
     * Writes one file's dialogues from {@code base[0]} on, advancing it; returns conversations and
     * records written.
     */
    private static int[] convertOne(Path ussFile, BufferedWriter out, long[] base, int[] byOutcome)
            throws IOException {
        String prefix =
                ussFile.getFileName()
                        .toString()
                        .replaceFirst("\\.txt$", "")
                        .toLowerCase(Locale.ROOT);
        int records = 0;
        int conversations = 0;
        try (BufferedReader in = Files.newBufferedReader(ussFile, StandardCharsets.UTF_8)) {
            List<Turn> turns = new ArrayList<>();
            String overall = null;
            int lineNumber = 0;
            String line;
            do {
                line = in.readLine();
                lineNumber++;
                if (line == null || line.isBlank()) {
                    if (!turns.isEmpty()) {
                        conversations++;
                        base[0] += 3_600_000L;
                        String outcome = overall == null ? null : outcome(overall);
                        byOutcome[outcomeIndex(outcome)]++;
                        records +=
                                write(out, prefix + "-" + conversations, turns, outcome, base[0]);
                    }
                    turns.clear();
                    overall = null;
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length < 2
                        || !(fields[0].equals("USER") || fields[0].equals("SYSTEM"))) {
                    throw new IllegalArgumentException(
                            ussFile
                                    + " line "
                                    + lineNumber
                                    + ": expected USER or SYSTEM, a tab and the text (is this a USS dialogue file?)");
                }
                if (fields[0].equals("USER") && fields[1].equals("OVERALL")) {
                    if (fields.length < 4 || fields[3].isBlank()) {
                        throw new IllegalArgumentException(
                                ussFile + " line " + lineNumber + ": OVERALL without ratings");
                    }
                    overall = fields[3];
                } else {
                    turns.add(
                            new Turn(
                                    fields[0].equals("USER") ? "customer" : "agent",
                                    clean(fields[1])));
                }
            } while (line != null);
        }
        return new int[] {conversations, records};
    }

    private static int write(
            BufferedWriter out, String id, List<Turn> turns, String outcome, long base)
            throws IOException {
        ContractLines.Conversation conversation =
                new ContractLines.Conversation("uss", id, "uss-" + id, "chat");
        long ts = base;
        int written = 0;
        for (int i = 0; i < turns.size(); i++) {
            Turn t = turns.get(i);
            ts = base + i * TURN_GAP_MS;
            if (t.text().isBlank()) {
                continue; // an empty line breaks the contract and says nothing
            }
            out.write(ContractLines.message(conversation, "m" + (i + 1), t.role(), t.text(), ts));
            out.newLine();
            written++;
        }
        out.write(ContractLines.ended(conversation, outcome, ts + TURN_GAP_MS));
        out.newLine();
        return written + 1;
    }

    /**
     * The outcome of a dialogue from its comma-separated overall ratings.
     *
     * @throws IllegalArgumentException when a rating is not a number from 1 to 5
     */
    static String outcome(String ratings) {
        double sum = 0;
        String[] parts = ratings.split(",");
        for (String part : parts) {
            int r;
            try {
                r = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "overall rating '" + part.trim() + "' is not a number");
            }
            if (r < 1 || r > 5) {
                throw new IllegalArgumentException("overall rating " + r + " is not from 1 to 5");
            }
            sum += r;
        }
        double rounded = Math.rint(sum / parts.length);
        return rounded <= 2 ? DISSATISFIED : rounded == 3 ? NEUTRAL : SATISFIED;
    }

    private static int outcomeIndex(String outcome) {
        if (outcome == null) {
            return 3;
        }
        return switch (outcome) {
            case DISSATISFIED -> 0;
            case NEUTRAL -> 1;
            default -> 2;
        };
    }

    /** ReDial's texts carry URL-encoded question marks ("Married%3F"); nothing else is changed. */
    private static String clean(String text) {
        return text.replace("%3F", "?").trim();
    }
}
