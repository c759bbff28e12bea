package dev.switchboard.pipeline.backtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns MELD's dialogue transcripts into conversations in the input contract, with an outcome label
 * from MELD's own per-utterance sentiment, so that {@code switchboard backtest} can judge the
 * escalation policy on dialogues it was not written against.
 *
 * <p>The mapping, fixed before any backtest was run and not tuned to its result:
 *
 * <ul>
 *   <li>A dialogue is a conversation ({@code tenant "meld"}, {@code conversationId
 *       "d<Dialogue_ID>"}, channel voice, as the lines are spoken), its utterances messages in
 *       {@code Utterance_ID} order, 5 s apart; each dialogue starts an hour after the previous one.
 *   <li>MELD has speakers, not customers and agents: the speaker with the most utterances in the
 *       dialogue (the first to speak on a tie) is the customer, everyone else an agent.
 *   <li>Outcome, from the human labels of the customer's utterances: {@code escalated} when two
 *       consecutive ones are negative, {@code satisfied} when none is negative, none (unlabelled)
 *       otherwise. Dialogues where the customer says fewer than two lines are left out: nobody
 *       escalates on one line.
 * </ul>
 */
public final class MeldConversations {
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** Counts of what was written. */
    public record Counts(
            int dialogues,
            int conversations,
            int escalated,
            int satisfied,
            int unlabelled,
            int records) {}

    private record Utterance(int id, String speaker, String text, String sentiment) {}

    private MeldConversations() {}

    public static Counts convert(Path meldCsv, Path output) throws IOException {
        Map<Integer, List<Utterance>> dialogues = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(meldCsv, StandardCharsets.UTF_8)) {
            for (CSVRecord r :
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .build()
                            .parse(in)) {
                dialogues
                        .computeIfAbsent(
                                Integer.parseInt(r.get("Dialogue_ID")), k -> new ArrayList<>())
                        .add(
                                new Utterance(
                                        Integer.parseInt(r.get("Utterance_ID")),
                                        r.get("Speaker"),
                                        clean(r.get("Utterance")),
                                        r.get("Sentiment")));
            }
        }
        int conversations = 0;
        int escalated = 0;
        int satisfied = 0;
        int records = 0;
        long base = START;
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (Map.Entry<Integer, List<Utterance>> d : dialogues.entrySet()) {
                List<Utterance> lines = new ArrayList<>(d.getValue());
                lines.sort(java.util.Comparator.comparingInt(Utterance::id));
                String customer = mainSpeaker(lines);
                List<String> customerLabels =
                        lines.stream()
                                .filter(u -> u.speaker().equals(customer))
                                .map(Utterance::sentiment)
                                .toList();
                if (customerLabels.size() < 2) {
                    continue;
                }
                String outcome = outcome(customerLabels);
                conversations++;
                escalated += "escalated".equals(outcome) ? 1 : 0;
                satisfied += "satisfied".equals(outcome) ? 1 : 0;
                ContractLines.Conversation conversation =
                        new ContractLines.Conversation(
                                "meld", "d" + d.getKey(), "meld-d" + d.getKey(), "voice");
                base += 3_600_000L;
                long ts = base;
                for (int i = 0; i < lines.size(); i++) {
                    Utterance u = lines.get(i);
                    ts = base + i * 5_000L;
                    out.write(
                            ContractLines.message(
                                    conversation,
                                    "m" + u.id(),
                                    u.speaker().equals(customer) ? "customer" : "agent",
                                    u.text(),
                                    ts));
                    out.newLine();
                    records++;
                }
                out.write(ContractLines.ended(conversation, outcome, ts + 1_000));
                out.newLine();
                records++;
            }
        }
        return new Counts(
                dialogues.size(),
                conversations,
                escalated,
                satisfied,
                conversations - escalated - satisfied,
                records);
    }

    /**
     * MELD's transcripts carry mis-decoded punctuation (e.g. "\u0092" for an apostrophe); the text
     * is otherwise left alone.
     */
    private static String clean(String text) {
        return text.replace('\u0092', '\'')
                .replace('\u0091', '\'')
                .replace('\u0093', '"')
                .replace('\u0094', '"')
                .replace("\u0085", "...");
    }

    private static String mainSpeaker(List<Utterance> lines) {
        Map<String, Integer> counts = new HashMap<>();
        for (Utterance u : lines) {
            counts.merge(u.speaker(), 1, Integer::sum);
        }
        String best = lines.get(0).speaker();
        for (Utterance u : lines) {
            if (counts.get(u.speaker()) > counts.get(best)) {
                best = u.speaker();
            }
        }
        return best;
    }

    static String outcome(List<String> customerLabels) {
        boolean anyNegative = false;
        for (int i = 0; i < customerLabels.size(); i++) {
            boolean negative = customerLabels.get(i).equals("negative");
            anyNegative |= negative;
            if (negative && i > 0 && customerLabels.get(i - 1).equals("negative")) {
                return "escalated";
            }
        }
        return anyNegative ? null : "satisfied";
    }
}
