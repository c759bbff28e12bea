package dev.switchboard.models.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final Pattern MARK = Pattern.compile("\\[\\[([A-Z_]+):(.+?)]]");
    private final Redactor redactor = Redactor.defaults();

    record Entity(PiiKind kind, String value) {}

    record Line(String text, List<Entity> entities) {}

    static List<Line> sample() throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = RedactorTest.class.getResourceAsStream("/privacy/pii-sample.txt")) {
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (raw.isBlank() || raw.startsWith("#")) {
                    continue;
                }
                List<Entity> entities = new ArrayList<>();
                Matcher m = MARK.matcher(raw);
                StringBuilder text = new StringBuilder();
                while (m.find()) {
                    entities.add(new Entity(PiiKind.valueOf(m.group(1)), m.group(2)));
                    m.appendReplacement(text, Matcher.quoteReplacement(m.group(2)));
                }
                m.appendTail(text);
                lines.add(new Line(text.toString(), entities));
            }
        }
        return lines;
    }

    /**
     * Precision and recall over the labelled sample: an entity counts as found when its value is
     * gone from the output and a placeholder of its kind is there; every placeholder beyond those
     * is a false positive.
     */
    @Test
    void findsPersonalDataInTheLabelledSampleWithHighPrecisionAndRecall() throws IOException {
        int truePositives = 0;
        int falsePositives = 0;
        int expected = 0;
        List<String> misses = new ArrayList<>();
        for (Line line : sample()) {
            String out = redactor.redact(line.text());
            for (PiiKind kind : PiiKind.values()) {
                int wanted = (int) line.entities().stream().filter(e -> e.kind() == kind).count();
                int found = count(out, kind.placeholder());
                int hits = 0;
                for (Entity e : line.entities()) {
                    if (e.kind() == kind && !out.contains(e.value()) && found > hits) {
                        hits++;
                    } else if (e.kind() == kind) {
                        misses.add(kind + " missed in: " + out);
                    }
                }
                truePositives += hits;
                falsePositives += Math.max(0, found - hits);
                if (found > hits) {
                    misses.add(kind + " false positive in: " + out);
                }
                expected += wanted;
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) expected;
        System.out.printf(
                "redaction on the labelled sample: %d entities, precision %.3f, recall %.3f%n",
                expected, precision, recall);
        assertEquals(List.of(), misses);
        assertEquals(1.0, precision);
        assertEquals(1.0, recall);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void checksCardsWithLuhnAndIbansWithMod97() {
        assertTrue(Redactor.luhn("4111 1111 1111 1111"));
        assertFalse(Redactor.luhn("4111 1111 1111 1112"));
        assertTrue(Redactor.ibanChecksum("GB82 WEST 1234 5698 7654 32"));
        assertFalse(Redactor.ibanChecksum("GB82 WEST 1234 5698 7654 33"));
    }

    @Test
    void appliesConfiguredNationalIdPatternsAndTheBuiltInRulesKeptOn() {
        Redactor noRules = new Redactor(List.of(), java.util.EnumSet.noneOf(NationalIdRule.class));
        // Still redacted (it has a phone number's shape), but no longer as an id.
        assertEquals(
                "my SSN is [PHONE]",
                noRules.redact("my SSN is 078-05-1120"),
                "every built-in rule turned off");
        Redactor ownPattern =
                new Redactor(
                        List.of("\\bK-\\d{6}\\b"), java.util.EnumSet.noneOf(NationalIdRule.class));
        assertEquals("member id [NATIONAL_ID]", ownPattern.redact("member id K-123456"));
        assertEquals(
                "my SSN is [NATIONAL_ID]",
                redactor.redact("my SSN is 078-05-1120"),
                "on by default");
        Redactor ssnOff =
                new Redactor(
                        List.of(),
                        java.util.EnumSet.complementOf(
                                java.util.EnumSet.of(NationalIdRule.US_SSN)));
        assertEquals(
                "my SSN is [PHONE], DNI [NATIONAL_ID]",
                ssnOff.redact("my SSN is 078-05-1120, DNI 12345678Z"));
    }

    @Test
    void nationalIdChecksRejectWrongCheckCharacters() {
        assertTrue(NationalIdRule.spanishCheckLetter("12345678Z"));
        assertFalse(NationalIdRule.spanishCheckLetter("12345678A"));
        assertTrue(NationalIdRule.spanishCheckLetter("X1234567L"));
        assertTrue(NationalIdRule.codiceFiscaleCheck("RSSMRA85T10A562S"));
        assertFalse(NationalIdRule.codiceFiscaleCheck("RSSMRA85T10A562T"));
        assertTrue(NationalIdRule.nirKey("1 85 05 78 006 084 91"));
        assertFalse(NationalIdRule.nirKey("1 85 05 78 006 084 92"));
        assertTrue(NationalIdRule.elevenTest("111222333"));
        assertFalse(NationalIdRule.elevenTest("111222334"));
        assertEquals(
                "order 12345678A",
                redactor.redact("order 12345678A"),
                "a DNI shape with the wrong letter stays");
    }

    @Test
    void excerptsAreRedactedBeforeTheyAreCutAndNeverSplitAPlaceholderOrACharacter() {
        String text = "x".repeat(150) + " card 4111 1111 1111 1111 and mail john.smith@example.com";
        String cutFirst = redactor.redact(text.substring(0, 165));
        assertFalse(
                cutFirst.contains("[CARD]"), "cut first, the card has lost its shape: " + cutFirst);
        assertEquals(
                "x".repeat(150) + " card \u2026",
                redactor.excerpt(text, 160),
                "the placeholder that would not fit is left out");
        assertEquals("x".repeat(150) + " card [CARD]\u2026", redactor.excerpt(text, 162));
        assertEquals("short [EMAIL]", redactor.excerpt("short jane@example.com", 160));
        assertEquals(
                "a".repeat(9) + "\u2026",
                redactor.excerpt("a".repeat(9) + "\uD83D\uDE00 and more", 10),
                "no half of a surrogate pair");
        // Placeholders shorten the text: what lay past the cut must not move into the excerpt.
        String shrinking =
                "Mrs Maximiliana Wolfeschlegelsteinhausen at maximiliana.wolfeschlegelsteinhausen@example.com, tail 4111 1111 11";
        String excerpt = redactor.excerpt(shrinking, 60);
        assertFalse(excerpt.contains("4111"), excerpt);
        assertTrue(excerpt.startsWith("[NAME] at [EMAIL]"), excerpt);
    }

    @Test
    void leavesTextWithoutPersonalDataAsItIs() {
        String text = "Where is my refund? It has been 3 weeks.";
        assertTrue(text == redactor.redact(text), "no copy when nothing is found");
    }
}
