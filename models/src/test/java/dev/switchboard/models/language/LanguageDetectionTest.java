package dev.switchboard.models.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Accuracy on short chat lines written for the test, among the four languages of the sample. */
class LanguageDetectionTest {
    record Line(String language, String text) {}

    static List<Line> sample() throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in =
                LanguageDetectionTest.class.getResourceAsStream("/language/chat-lines.tsv")) {
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!raw.isBlank() && !raw.startsWith("#")) {
                    String[] parts = raw.split("\t", 2);
                    lines.add(new Line(parts[0], parts[1]));
                }
            }
        }
        return lines;
    }

    @Test
    void tellsShortChatLinesApartAmongATenantsLanguages() throws IOException {
        LanguageDetection detection = LanguageDetection.among(Set.of("en", "es", "fr", "de"));
        int right = 0;
        int undetermined = 0;
        List<String> wrong = new ArrayList<>();
        List<Line> lines = sample();
        for (Line line : lines) {
            String found = detection.detect(line.text());
            if (found.equals(line.language())) {
                right++;
            } else if (found.equals(LanguageDetection.UNDETERMINED)) {
                undetermined++;
            } else {
                wrong.add(line.language() + " taken for " + found + ": " + line.text());
            }
        }
        System.out.printf(
                "language detection on %d chat lines: %d right, %d undetermined, %d wrong %s%n",
                lines.size(), right, undetermined, wrong.size(), wrong);
        assertEquals(40, lines.size());
        assertTrue(right >= 36, right + " of 40 right; wrong: " + wrong);
    }

    @Test
    void twoLanguagesAreEasierThanFour() {
        LanguageDetection enEs = LanguageDetection.among(Set.of("en", "es"));
        assertEquals("es", enEs.detect("sigo esperando mi reembolso"));
        assertEquals("en", enEs.detect("still waiting for my refund"));
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThrows(
                IllegalArgumentException.class, () -> LanguageDetection.among(Set.of("en", "xx")));
        assertThrows(IllegalArgumentException.class, () -> LanguageDetection.among(Set.of("en")));
    }
}
