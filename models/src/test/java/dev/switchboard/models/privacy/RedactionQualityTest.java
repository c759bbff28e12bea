package dev.switchboard.models.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The redactor on the labelled set of customer messages (pii-labelled.txt), per kind. A marked span
 * is found when findings cover every character of it and one of them is of its kind; a finding is
 * right when it overlaps a marked span of its kind. The figures are in docs/privacy.md.
 */
class RedactionQualityTest {
    private static final Pattern MARK = Pattern.compile("\\{\\{([A-Z_]+)\\|(.+?)}}");

    record Span(int start, int end, PiiKind kind) {}

    record Message(String text, List<Span> spans) {}

    static List<Message> labelled(String resource) throws IOException {
        List<Message> messages = new ArrayList<>();
        try (InputStream in = RedactionQualityTest.class.getResourceAsStream(resource)) {
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (raw.isBlank() || raw.startsWith("#")) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                List<Span> spans = new ArrayList<>();
                Matcher m = MARK.matcher(raw);
                int last = 0;
                while (m.find()) {
                    text.append(raw, last, m.start());
                    int start = text.length();
                    text.append(m.group(2));
                    spans.add(new Span(start, text.length(), PiiKind.valueOf(m.group(1))));
                    last = m.end();
                }
                text.append(raw.substring(last));
                messages.add(new Message(text.toString(), spans));
            }
        }
        return messages;
    }

    /** Counts per kind: marked spans, spans found, findings, right findings. */
    static final class Tally {
        int marked;
        int found;
        int findings;
        int right;

        double recall() {
            return marked == 0 ? 1 : (double) found / marked;
        }

        double precision() {
            return findings == 0 ? 1 : (double) right / findings;
        }
    }

    static Map<PiiKind, Tally> measure(
            Redactor redactor, List<Message> messages, List<String> errors) {
        Map<PiiKind, Tally> tallies = new EnumMap<>(PiiKind.class);
        for (PiiKind k : PiiKind.values()) {
            tallies.put(k, new Tally());
        }
        for (Message message : messages) {
            List<Finding> findings = redactor.find(message.text());
            for (Span span : message.spans()) {
                Tally t = tallies.get(span.kind());
                t.marked++;
                if (covered(span, findings)
                        && findings.stream()
                                .anyMatch(
                                        f ->
                                                f.kind() == span.kind()
                                                        && f.overlaps(span.start(), span.end()))) {
                    t.found++;
                } else {
                    errors.add(
                            "missed "
                                    + span.kind()
                                    + " '"
                                    + message.text().substring(span.start(), span.end())
                                    + "' in: "
                                    + message.text()
                                    + " -> "
                                    + redactor.redact(message.text()));
                }
            }
            for (Finding f : findings) {
                Tally t = tallies.get(f.kind());
                t.findings++;
                if (message.spans().stream()
                        .anyMatch(s -> s.kind() == f.kind() && f.overlaps(s.start(), s.end()))) {
                    t.right++;
                } else {
                    errors.add(
                            "wrong "
                                    + f.kind()
                                    + " '"
                                    + message.text().substring(f.start(), f.end())
                                    + "' in: "
                                    + message.text());
                }
            }
        }
        return tallies;
    }

    private static boolean covered(Span span, List<Finding> findings) {
        for (int i = span.start(); i < span.end(); i++) {
            int at = i;
            if (findings.stream().noneMatch(f -> f.start() <= at && at < f.end())) {
                return false;
            }
        }
        return true;
    }

    private static Tally report(
            String name, List<Message> messages, Map<PiiKind, Tally> tallies, List<String> errors) {
        Tally all = new Tally();
        System.out.printf(
                "redaction on %s, %d messages:%n%-14s %6s %7s %9s%n",
                name, messages.size(), "kind", "marked", "recall", "precision");
        for (Map.Entry<PiiKind, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            System.out.printf(
                    "%-14s %6d %7.3f %9.3f%n", e.getKey(), t.marked, t.recall(), t.precision());
            all.marked += t.marked;
            all.found += t.found;
            all.findings += t.findings;
            all.right += t.right;
        }
        System.out.printf(
                "%-14s %6d %7.3f %9.3f%n", "all", all.marked, all.recall(), all.precision());
        errors.forEach(System.out::println);
        return all;
    }

    @Test
    void findsEachKindOfPersonalDataInTheLabelledMessages() throws IOException {
        List<Message> messages = labelled("pii-labelled.txt");
        assertTrue(messages.size() >= 300, "the set holds " + messages.size() + " messages");
        List<String> errors = new ArrayList<>();
        Tally all =
                report(
                        "pii-labelled.txt",
                        messages,
                        measure(Redactor.defaults(), messages, errors),
                        errors);
        assertTrue(all.recall() >= 0.98, "recall " + all.recall() + ": " + errors);
        assertTrue(all.precision() >= 0.98, "precision " + all.precision() + ": " + errors);
    }

    /**
     * The set written after the rules, to estimate them on shapes they were not written for (first
     * measured at recall 0.829, precision 0.958; the generic gaps it showed were then fixed, so it
     * is no longer independent: docs/privacy.md). The floor guards against getting worse.
     */
    @Test
    void holdsItsFirstMeasuredFiguresOnTheSetWrittenAfterTheRules() throws IOException {
        List<Message> messages = labelled("pii-heldout.txt");
        List<String> errors = new ArrayList<>();
        Tally all =
                report(
                        "pii-heldout.txt",
                        messages,
                        measure(Redactor.defaults(), messages, errors),
                        errors);
        assertTrue(all.recall() >= 0.9, "recall " + all.recall() + ": " + errors);
        assertTrue(all.precision() >= 0.98, "precision " + all.precision() + ": " + errors);
    }
}
