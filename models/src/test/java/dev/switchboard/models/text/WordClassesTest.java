package dev.switchboard.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table answers what a binary search of each word set would, in every language. */
class WordClassesTest {
    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr", "de", "it", "pt"})
    void aTokenIsInExactlyTheSetsThatHoldItsHash(String code) {
        FeatureLanguage words = FeatureLanguage.of(code);
        long[][] sets = WordClasses.setsOf(words);
        for (long[] set : sets) {
            for (long h : set) {
                assertEquals(searched(sets, h), words.classes.of(h), code + " " + h);
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 100_000; k++) {
            long h = random.nextLong();
            assertEquals(searched(sets, h), words.classes.of(h));
        }
        if (code.equals("en")) {
            // Each bit is the set it names, not merely one the table and the test agree on.
            assertEquals(WordClasses.NEGATOR, words.classes.of(TokenHashes.hashOf("not")), "not");
            assertEquals(
                    WordClasses.INTENSIFIER,
                    words.classes.of(TokenHashes.hashOf("extremely")),
                    "extremely");
            assertEquals(
                    WordClasses.TIME_UNIT, words.classes.of(TokenHashes.hashOf("hours")), "hours");
            assertEquals(
                    WordClasses.THANKS,
                    words.classes.of(TokenHashes.hashOf("thanks")) & WordClasses.THANKS,
                    "thanks");
            assertEquals(
                    WordClasses.MANAGER,
                    words.classes.of(TokenHashes.hashOf("supervisor")) & WordClasses.MANAGER,
                    "supervisor");
        }
    }

    private static int searched(long[][] sets, long h) {
        int classes = 0;
        for (int s = 0; s < sets.length; s++) {
            if (Arrays.binarySearch(sets[s], h) >= 0) {
                classes |= 1 << s;
            }
        }
        return classes;
    }
}
