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
        long[][] sets = {
            words.negators,
            words.intensifiers,
            words.waiting,
            words.timeUnits,
            words.managerWords,
            words.cancelWords,
            words.thanks,
            words.numberWords,
            words.negativeWords,
            words.positiveWords
        };
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
            assertEquals(WordClasses.NEGATOR, words.classes.of(TokenHashes.hashOf("not")), "not");
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
