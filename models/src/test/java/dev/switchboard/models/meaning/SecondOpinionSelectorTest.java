package dev.switchboard.models.meaning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The shipped selector reads messages as the script that trained it does. */
class SecondOpinionSelectorTest {
    @Test
    void theShippedSelectorGivesTheTrainingScriptsProbabilities() throws IOException {
        SecondOpinionSelector selector = SecondOpinionSelector.shipped();
        int rows = 0;
        try (InputStream in =
                SecondOpinionSelectorTest.class.getResourceAsStream(
                        "second-opinion-selector-reference.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t", -1);
                double expected = Double.parseDouble(f[4]);
                double actual =
                        selector.changeProbability(
                                f[3],
                                Double.parseDouble(f[0]),
                                Double.parseDouble(f[1]),
                                Double.parseDouble(f[2]));
                assertEquals(expected, actual, 1e-4, f[3]);
                rows++;
            }
        }
        assertEquals(11, rows);
    }

    @Test
    void aMessageReadsTheSameWhateverTheThreadReadBeforeIt() throws Exception {
        // The selector reuses one thread's buffers from message to message: a short message read
        // after a long one (and on a thread that never read anything) must not see its leftovers.
        SecondOpinionSelector selector = SecondOpinionSelector.shipped();
        String shortOne = "fine, whatever";
        String longOne =
                "no. ".repeat(500) + "I want to speak to a manager, this is the fourth time";
        double[] fresh = new double[2];
        Thread t =
                new Thread(
                        () -> {
                            fresh[0] = selector.changeProbability(shortOne, 0.44, 0.36, 0.20);
                            fresh[1] = selector.changeProbability(longOne, 0.70, 0.20, 0.10);
                        });
        t.start();
        t.join();
        assertEquals(fresh[1], selector.changeProbability(longOne, 0.70, 0.20, 0.10));
        assertEquals(fresh[0], selector.changeProbability(shortOne, 0.44, 0.36, 0.20));
        assertArrayEquals(
                SecondOpinionSelector.distinctGramHashes("ok"),
                sortedHashes("<s>", "ok", "</s>", "<s> ok", "ok </s>"),
                "after a long message, a short one's grams only");
    }

    @Test
    void gramsAreTheDistinctLowerCasedWordsMarksAndPairsFramedByStartAndEnd() {
        // "OK" and "ok" are one word, a gram met twice counts once, and other symbols part words.
        assertArrayEquals(
                sortedHashes("<s>", "ok", "?", "</s>", "<s> ok", "ok ?", "? ok", "? </s>"),
                SecondOpinionSelector.distinctGramHashes("OK? ok ?"));
        assertArrayEquals(
                sortedHashes(
                        "<s>",
                        "ok",
                        "don't",
                        "?",
                        "</s>",
                        "<s> ok",
                        "ok don't",
                        "don't ?",
                        "? </s>"),
                SecondOpinionSelector.distinctGramHashes("Ok -- don't?"));
        assertArrayEquals(
                sortedHashes("<s>", "</s>", "<s> </s>"),
                SecondOpinionSelector.distinctGramHashes("   "));
    }

    @Test
    void anyTextGivesAProbability() {
        SecondOpinionSelector selector = SecondOpinionSelector.shipped();
        String astral = "\uD83D\uDE21 why?? \uD83D\uDE21";
        for (String text :
                List.of(
                        "",
                        "\uD83D\uDE21",
                        astral,
                        "\uD835\uDC00 lone surrogate \uD83D then text",
                        "İSTANBUL ÇA VA",
                        "?!.,".repeat(2_000),
                        "word ".repeat(5_000))) {
            double p = selector.changeProbability(text, 0.3, 0.4, 0.3);
            assertTrue(p >= 0 && p <= 1, text.length() + " chars: " + p);
        }
        // Symbols other than the four marks part words and are no grams themselves.
        assertArrayEquals(
                SecondOpinionSelector.distinctGramHashes("why??"),
                SecondOpinionSelector.distinctGramHashes("\uD83D\uDE21 why?? \uD83D\uDE21"));
    }

    @Test
    void wordsAreCountedAsRunsBetweenWhitespace() {
        assertEquals(0, SecondOpinionSelector.whitespaceWords(""));
        assertEquals(3, SecondOpinionSelector.whitespaceWords("  not\tright\n now "));
        assertEquals(
                3,
                SecondOpinionSelector.whitespaceWords("a\u00a0b\u2003c")); // as Python splits them
    }

    @Test
    void aLikelyChangeOutranksAnUnlikelyOne() {
        SecondOpinionSelector selector = SecondOpinionSelector.shipped();
        // From the reference: "fine, whatever" read as negative at 0.44 is likely to be changed;
        // an exuberant message the fast model is sure of is not.
        double likely = selector.changeProbability("fine, whatever", 0.44, 0.36, 0.20);
        double unlikely =
                selector.changeProbability("OH MY GOD!!! This is AMAZING!", 0.05, 0.10, 0.85);
        assertTrue(likely > 0.5 && unlikely < 0.01, likely + " / " + unlikely);
    }

    @Test
    void anotherFormatOrATruncatedFileIsRefused() throws IOException {
        IOException format =
                assertThrows(
                        IOException.class,
                        () ->
                                SecondOpinionSelector.read(
                                        gzip("switchboard-second-opinion-selector\t2\n")));
        assertTrue(format.getMessage().contains("format 2"), format.getMessage());
        String header =
                "switchboard-second-opinion-selector\t1\nbuckets\t8\n"
                        + "mean\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
                        + "scale\t1\t1\t1\t1\t1\t1\t1\t1\t1\n"
                        + "linear\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
                        + "grams\t2\n"
                        + "3\t0.5\t0\t0\n";
        IOException truncated =
                assertThrows(IOException.class, () -> SecondOpinionSelector.read(gzip(header)));
        assertTrue(truncated.getMessage().contains("1 of 2"), truncated.getMessage());
        SecondOpinionSelector oneGram =
                SecondOpinionSelector.read(gzip(header + "9\t0\t0\t0\n".replace("9", "7")));
        // Its one weight is for messages the fast model calls negative; with a zero bias, a message
        // it
        // calls neutral gets even odds.
        assertEquals(0.5, oneGram.changeProbability("anything", 0.2, 0.5, 0.3), 1e-12);
    }

    private static int[] sortedHashes(String... grams) {
        int[] h = new int[grams.length];
        for (int i = 0; i < grams.length; i++) {
            CRC32 crc = new CRC32();
            crc.update(grams[i].getBytes(StandardCharsets.US_ASCII));
            h[i] = (int) crc.getValue();
        }
        java.util.Arrays.sort(h);
        return h;
    }

    private static InputStream gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
