package dev.switchboard.models.text;

/**
 * The word sets of a {@link FeatureLanguage} that a token is in, by the token's hash: one probe of
 * an open-addressing table per token, where a binary search of each of ten sets cost about a sixth
 * of feature extraction.
 */
final class WordClasses {
    static final int NEGATOR = 1;
    static final int INTENSIFIER = 1 << 1;
    static final int WAITING = 1 << 2;
    static final int TIME_UNIT = 1 << 3;
    static final int MANAGER = 1 << 4;
    static final int CANCEL = 1 << 5;
    static final int THANKS = 1 << 6;
    static final int NUMBER_WORD = 1 << 7;
    static final int NEGATIVE = 1 << 8;
    static final int POSITIVE = 1 << 9;

    private final long[] hashes;
    // 0 marks an empty slot: every word in the table is in at least one set.
    private final int[] classes;
    private final int mask;

    /** The language's word sets, in the order of the bits above. */
    static long[][] setsOf(FeatureLanguage words) {
        return new long[][] {
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
    }

    WordClasses(FeatureLanguage words) {
        long[][] sets = setsOf(words);
        int total = 0;
        for (long[] set : sets) {
            total += set.length;
        }
        int size = Integer.highestOneBit(Math.max(4, total) * 4);
        hashes = new long[size];
        classes = new int[size];
        mask = size - 1;
        for (int s = 0; s < sets.length; s++) {
            for (long h : sets[s]) {
                int slot = slot(h);
                while (classes[slot] != 0 && hashes[slot] != h) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = h;
                classes[slot] |= 1 << s;
            }
        }
    }

    /** The sets (bits above) the token with hash {@code h} is in; 0 for none. */
    int of(long h) {
        for (int slot = slot(h); classes[slot] != 0; slot = (slot + 1) & mask) {
            if (hashes[slot] == h) {
                return classes[slot];
            }
        }
        return 0;
    }

    private int slot(long h) {
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
