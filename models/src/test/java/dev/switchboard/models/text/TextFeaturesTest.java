package dev.switchboard.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {
    private final TextFeatures features = new TextFeatures(20);

    private int[] ids(String text) {
        FeatureBuffer b = new FeatureBuffer();
        int n = features.extract(text, b);
        return Arrays.copyOf(b.features(), n);
    }

    private boolean has(String text, int id) {
        return IntStream.of(ids(text)).anyMatch(i -> i == id);
    }

    @Test
    void isDeterministicAndReusesItsBuffer() {
        FeatureBuffer b = new FeatureBuffer();
        int n1 = features.extract("Where is my refund?? :(", b);
        int[] first = Arrays.copyOf(b.features(), n1);
        features.extract("something else entirely, much longer than the first message was", b);
        int n2 = features.extract("Where is my refund?? :(", b);
        assertArrayEquals(first, Arrays.copyOf(b.features(), n2));
    }

    @Test
    void negationScopeTurnsWordsIntoTheirNegatedForm() {
        int happy = features.wordFeature("happy", false);
        assertTrue(has("I am happy", happy));
        assertFalse(has("I am not happy", happy));
        assertTrue(has("I am not happy", features.wordFeature("happy", true)));
        assertTrue(has("no one helped me", features.wordFeature("helped", true)));
        assertTrue(has("I don't like it", features.wordFeature("like", true)));
        // The scope ends at the clause boundary.
        assertTrue(has("not now. I am happy", happy));
    }

    @Test
    void aNegatedManagerRequestIsNotARequest() {
        assertTrue(
                has(
                        "I want to speak to your manager",
                        features.flagFeature(TextFeatures.FLAG_MANAGER_REQUEST)));
        assertFalse(
                has(
                        "no need for a manager",
                        features.flagFeature(TextFeatures.FLAG_MANAGER_REQUEST)));
        assertTrue(
                has(
                        "no need for a manager",
                        features.flagFeature(TextFeatures.FLAG_NEGATED_MANAGER_REQUEST)));
    }

    @Test
    void marksShapeAndWaitingCues() {
        assertTrue(has("This is UNACCEPTABLE", features.flagFeature(TextFeatures.FLAG_ALL_CAPS)));
        assertTrue(has("why!!!", features.flagFeature(TextFeatures.FLAG_REPEATED_EXCLAMATION)));
        assertTrue(has("really?!??", features.flagFeature(TextFeatures.FLAG_REPEATED_QUESTION)));
        assertTrue(has("thanks :)", features.flagFeature(TextFeatures.FLAG_EMO_POSITIVE)));
        assertTrue(has("great 😡", features.flagFeature(TextFeatures.FLAG_EMO_NEGATIVE)));
        assertTrue(
                has(
                        "on hold for 45 minutes",
                        features.flagFeature(TextFeatures.FLAG_TIME_EXPRESSION)));
        assertTrue(
                has("waited two hours", features.flagFeature(TextFeatures.FLAG_TIME_EXPRESSION)));
        assertTrue(has("I am still waiting", features.flagFeature(TextFeatures.FLAG_WAITING)));
        assertFalse(has("I am fine", features.flagFeature(TextFeatures.FLAG_WAITING)));
    }

    @Test
    void foldsMentionsLinksAndDigits() {
        assertArrayEquals(
                ids("@united my bag 123 http://x.co/a"), ids("@delta my bag 456 https://t.co/zz"));
    }

    @Test
    void survivesHostileInput() {
        for (String s :
                new String[] {
                    "",
                    " ",
                    "\u0000\u0001",
                    "\uD83D",
                    "😀😀😀",
                    "!".repeat(10_000),
                    "a".repeat(20_000),
                    ":):(:D<3"
                }) {
            FeatureBuffer b = new FeatureBuffer();
            int n = features.extract(s, b);
            assertTrue(n >= 1, "at least the bias feature");
            for (int i = 0; i < n; i++) {
                assertTrue(b.features()[i] >= 0 && b.features()[i] < features.bucketCount());
            }
        }
    }
}
