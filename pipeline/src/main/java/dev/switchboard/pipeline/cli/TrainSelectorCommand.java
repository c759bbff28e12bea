package dev.switchboard.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.models.meaning.SecondOpinionSelector;
import dev.switchboard.models.meaning.SecondOpinionSelectorTrainer;
import dev.switchboard.models.meaning.SecondOpinionSelectorTrainer.Coverage;
import dev.switchboard.models.meaning.SecondOpinionSelectorTrainer.Reading;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.privacy.Redactor;
import dev.switchboard.models.sentiment.Languages;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.parse.ContractParser;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard model train-selector}: fits the second opinion's selector to a deployment's
 * own recorded messages, which need no labels ({@link SecondOpinionSelectorTrainer}), and says on
 * conversations it was not fitted on what each line would ask for.
 */
@Command(
        name = "train-selector",
        mixinStandardHelpOptions = true,
        description = {
            "Fit the selector behind --second-opinion-likely-to-change to your own messages: both shipped",
            "models read the English customer messages of a JSONL file of contract records (as recorded",
            "from the messages topic; no labels), and the selector learns where the second opinion changes",
            "the fast label. Prints, on held-out conversations, the share each line asks for and the share",
            "of changes it catches. About 7 ms of a core per message. The selector is fitted on the messages",
            "redacted (cards, phone numbers, names, addresses...), so its file holds no weight of them."
        })
public class TrainSelectorCommand implements Callable<Integer> {
    static final double[] LINES = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7};

    @Spec CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            description = "JSONL file of contract records; repeatable.")
    List<Path> inputs;

    @Option(names = "--out", required = true, description = "Selector file to write.")
    Path out;

    @Option(
            names = "--max-messages",
            description =
                    "Read at most this many customer messages, the first in the files (default: ${DEFAULT-VALUE}).",
            defaultValue = "50000")
    int maxMessages;

    @Option(
            names = "--held-out",
            description =
                    "Share of conversations held out to measure the lines before the selector is fitted on every message (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.2")
    double heldOut;

    @Option(
            names = "--threads",
            description = "Threads that embed the messages (default: the machine's processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--json",
            description =
                    "Print the held-out figures and the file written as one JSON object instead of the table.")
    boolean json;

    @Option(
            names = "--max-text-bytes",
            description =
                    "Largest message text accepted, UTF-8 bytes, as the job's option (default: ${DEFAULT-VALUE}).",
            defaultValue = "16384")
    int maxTextBytes;

    /** What the files held, by what became of each line. */
    record Messages(
            List<String> texts,
            List<String> conversations,
            int lines,
            int otherRecords,
            int otherLanguages,
            int beyondMax,
            Map<String, Integer> rejected) {}

    @Override
    public Integer call() throws Exception {
        if (!(heldOut >= 0 && heldOut < 1)) {
            throw new IllegalArgumentException("--held-out must be in [0, 1)");
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("--max-messages must be positive");
        }
        for (Path input : inputs) {
            if (!Files.isReadable(input)) {
                throw new IllegalArgumentException("--input: cannot read " + input);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        Messages m = customerMessages();
        err.printf(
                Locale.ROOT,
                "%,d lines: %,d English customer messages read, %,d other records (agents, lifecycle, partial segments), %,d in other languages, %,d beyond --max-messages, %,d rejected %s%n",
                m.lines(),
                m.texts().size(),
                m.otherRecords(),
                m.otherLanguages(),
                m.beyondMax(),
                m.rejected().values().stream().mapToInt(Integer::intValue).sum(),
                m.rejected());
        if (m.texts().isEmpty()) {
            throw new IllegalArgumentException("--input: no English customer message to read");
        }
        long start = System.nanoTime();
        List<Reading> readings =
                SecondOpinionSelectorTrainer.read(
                        m.texts(),
                        SentimentModel.loadDefault().linearModel(),
                        SentimentSecondOpinion.shipped(),
                        threads);
        long changes = readings.stream().filter(Reading::changed).count();
        err.printf(
                Locale.ROOT,
                "both models read them in %.1f s; the second opinion changes the label of %,d (%.1f%%)%n",
                (System.nanoTime() - start) / 1e9,
                changes,
                100.0 * changes / readings.size());

        // Both models read the text as the job does; the selector learns from it redacted, so that
        // the file it writes holds no weight of a card, a phone number, a name or an address.
        Redactor redactor = Redactor.defaults();
        List<Reading> redacted =
                readings.stream()
                        .map(
                                r ->
                                        new Reading(
                                                redactor.redact(r.text()),
                                                r.negative(),
                                                r.neutral(),
                                                r.positive(),
                                                r.changed()))
                        .toList();
        HeldOut measured =
                heldOut > 0 ? measureOnHeldOut(readings, redacted, m.conversations()) : null;
        SecondOpinionSelector selector =
                SecondOpinionSelectorTrainer.fit(redacted, SecondOpinionSelectorTrainer.SIGMA);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            selector.write(o);
        }
        if (json) {
            outWriter.println(toJson(readings.size(), changes, measured));
        } else {
            if (measured != null) {
                printTable(measured, outWriter);
            }
            outWriter.printf(
                    Locale.ROOT,
                    "wrote %s, fitted on all %,d messages: run the job with --second-opinion-selector %s --second-opinion-likely-to-change LINE%n",
                    out,
                    readings.size(),
                    out);
        }
        outWriter.flush();
        return 0;
    }

    /** The lines' coverage on held-out conversations, for the fitted and the shipped selector. */
    record HeldOut(int fitted, int messages, long changes, List<Coverage[]> lines) {}

    /**
     * Fits a selector on the conversations not held out (their messages redacted) and measures each
     * line on the held-out ones as the job would meet them (whole), beside the shipped one.
     */
    private HeldOut measureOnHeldOut(
            List<Reading> readings, List<Reading> redacted, List<String> conversations) {
        List<Reading> fit = new ArrayList<>();
        List<Reading> held = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            if (heldOut(conversations.get(i))) {
                held.add(readings.get(i));
            } else {
                fit.add(redacted.get(i));
            }
        }
        SecondOpinionSelector fitted =
                SecondOpinionSelectorTrainer.fit(fit, SecondOpinionSelectorTrainer.SIGMA);
        // The shipped selector on the same messages: whether fitting one pays here.
        SecondOpinionSelector shipped = SecondOpinionSelector.shipped();
        List<Coverage[]> lines = new ArrayList<>();
        for (double line : LINES) {
            lines.add(
                    new Coverage[] {
                        SecondOpinionSelectorTrainer.coverage(fitted, held, line),
                        SecondOpinionSelectorTrainer.coverage(shipped, held, line)
                    });
        }
        return new HeldOut(
                fit.size(), held.size(), held.stream().filter(Reading::changed).count(), lines);
    }

    private static void printTable(HeldOut h, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "fitted on %,d messages, measured on %,d of held-out conversations (%,d changes):%n",
                h.fitted(),
                h.messages(),
                h.changes());
        out.printf(
                Locale.ROOT,
                "  %-6s %-22s %s%n",
                "line",
                "fitted: asked, caught",
                "shipped: asked, caught");
        for (Coverage[] c : h.lines()) {
            out.printf(
                    Locale.ROOT,
                    "  %-6.1f %5.1f%%  %5.1f%%          %5.1f%%  %5.1f%%%n",
                    c[0].line(),
                    100 * c[0].askedShare(),
                    100 * c[0].changesCaught(),
                    100 * c[1].askedShare(),
                    100 * c[1].changesCaught());
        }
    }

    private String toJson(int messages, long changes, HeldOut h) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("out", out.toString());
        root.put("messages", messages);
        root.put("changes", changes);
        if (h != null) {
            ObjectNode held = root.putObject("heldOut");
            held.put("fitted", h.fitted());
            held.put("messages", h.messages());
            held.put("changes", h.changes());
            ArrayNode lines = held.putArray("lines");
            for (Coverage[] c : h.lines()) {
                ObjectNode line = lines.addObject();
                line.put("line", c[0].line());
                for (int k = 0; k < 2; k++) {
                    ObjectNode which = line.putObject(k == 0 ? "fitted" : "shipped");
                    which.put("askedShare", c[k].askedShare());
                    which.put("changesCaught", c[k].changesCaught());
                }
            }
        }
        return root.toString();
    }

    /** Held out by the conversation, so that no conversation is on both sides. */
    private boolean heldOut(String conversation) {
        CRC32 crc = new CRC32();
        crc.update(conversation.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 10_000 < heldOut * 10_000;
    }

    /**
     * The English customer messages of the files, parsed as the job parses them: a line the job
     * would dead-letter is counted by its reason, and never stops the reading.
     */
    private Messages customerMessages() throws java.io.IOException {
        ContractParser parser = new ContractParser(maxTextBytes, ContractParser.MESSAGES_TOPIC);
        List<String> texts = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        Map<String, Integer> rejected = new TreeMap<>();
        int lines = 0;
        int other = 0;
        int otherLanguages = 0;
        int beyond = 0;
        for (Path input : inputs) {
            try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    lines++;
                    ConversationEvent e;
                    try {
                        e = parser.parse(line.getBytes(StandardCharsets.UTF_8));
                    } catch (ContractParser.Rejection r) {
                        rejected.merge(r.reason().name(), 1, Integer::sum);
                        continue;
                    }
                    if (e.type != EventType.MESSAGE
                            || e.role != SpeakerRole.CUSTOMER
                            || e.isPartialSegment()) {
                        other++;
                    } else if (!Languages.sameLanguage(e.language, "en")) {
                        otherLanguages++;
                    } else if (texts.size() >= maxMessages) {
                        beyond++;
                    } else {
                        texts.add(e.text);
                        conversations.add(e.conversationKey());
                    }
                }
            }
        }
        return new Messages(texts, conversations, lines, other, otherLanguages, beyond, rejected);
    }
}
