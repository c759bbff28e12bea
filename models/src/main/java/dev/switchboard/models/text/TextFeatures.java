package dev.switchboard.models.text;

/**
 * Turns one message into hashed feature ids for a linear model, without allocating: the text is
 * normalised into a reused {@link FeatureBuffer}, tokens are spans of it, and every feature is a
 * 64-bit hash folded into {@code 2^bucketBits} buckets.
 *
 * <p>Training and serving call this same method, so the model that CoreNLP trains and the compact
 * model that scores live traffic see identical features (including identical hash collisions). That
 * is why the tokenizer is this small scanner and not CoreNLP's PTBTokenizer: the latter builds a
 * {@code CoreLabel} per token, which the hot path cannot afford, and using it only in training
 * would make training and serving disagree.
 *
 * <p>Features, each in its own hash namespace:
 *
 * <ul>
 *   <li>word 1-, 2- and 3-grams over lower-cased tokens (digits folded to {@code 0}, mentions to
 *       {@code @user}, links to {@code <url>}, runs of the same punctuation to two marks);
 *   <li>character 3- to 5-grams over the normalised text, spaces included (2-grams added noise and
 *       no accuracy in cross-validation);
 *   <li>negation scope: after a negator ("not", "no", "never", "n't", ...) words up to the end of
 *       the clause (at most {@value #NEGATION_SCOPE} tokens) become {@code NOT_word} instead of
 *       {@code word}, so "not happy" and "no one helped" do not look like "happy" and "helped";
 *   <li>intensified words ("so slow", "really bad") in a namespace of their own;
 *   <li>polarity: words of a small customer-service lexicon, flipped in negation scope;
 *   <li>a sarcasm cue: thanks or praise in the same message as waiting or a time span;
 *   <li>shape cues: words in capitals, repeated "!" and "?", positive and negative emoticons and
 *       emoji;
 *   <li>contact-center cues: waiting and time expressions ("2 hours", "on hold"), requests for a
 *       manager or supervisor, and requests to cancel or for a refund; a negated request ("no need
 *       for a manager") sets a different feature from a plain one;
 *   <li>with {@link WordVectors}, {@value #DENSE_FEATURES} dense features: the mean word vector and
 *       four word-polarity features ({@link DenseFeatures#write}), written to {@link
 *       FeatureBuffer#dense()} rather than hashed.
 * </ul>
 */
public final class TextFeatures {
    /** Tokens after a negator that stay negated when no clause boundary comes first. */
    public static final int NEGATION_SCOPE = 5;

    // Hash namespaces: arbitrary odd constants, fixed forever (a change invalidates trained
    // models).
    private static final long NS_BIAS = 0x1b873593L;
    private static final long NS_CHAR = 0x2545F4914F6CDD1DL;
    private static final long NS_W1 = 0x9E3779B97F4A7C15L;
    private static final long NS_W2 = 0xC2B2AE3D27D4EB4FL;
    private static final long NS_W3 = 0x165667B19E3779F9L;
    private static final long NS_NOT = 0x27D4EB2F165667C5L;
    private static final long NS_INTENSE = 0x85EBCA77C2B2AE63L;
    private static final long NS_FLAG = 0xFF51AFD7ED558CCDL;

    static final long FLAG_ALL_CAPS = 1;
    static final long FLAG_REPEATED_EXCLAMATION = 2;
    static final long FLAG_REPEATED_QUESTION = 3;
    static final long FLAG_EMO_POSITIVE = 4;
    static final long FLAG_EMO_NEGATIVE = 5;
    static final long FLAG_WAITING = 6;
    static final long FLAG_TIME_EXPRESSION = 7;
    static final long FLAG_MANAGER_REQUEST = 8;
    static final long FLAG_CANCEL_REQUEST = 9;
    static final long FLAG_NEGATED_MANAGER_REQUEST = 10;
    static final long FLAG_NEGATED_CANCEL_REQUEST = 11;
    static final long FLAG_THANKS = 12;
    static final long FLAG_POSITIVE_WORD = 13;
    static final long FLAG_NEGATIVE_WORD = 14;
    static final long FLAG_NEGATED_POSITIVE_WORD = 15;
    static final long FLAG_NEGATED_NEGATIVE_WORD = 16;
    static final long FLAG_POSITIVE_WITH_COMPLAINT = 17;

    /**
     * Dense features computed from {@link WordVectors}: the mean vector of the message's words,
     * then four polarity features (see {@link DenseFeatures#write}).
     */
    public static final int DENSE_FEATURES = WordVectors.DIMENSIONS + 4;

    /**
     * Weight of the mean word vector against the hashed features. Every feature shares one Gaussian
     * prior, so this scale sets how freely the model may use the vectors; cross-validated on the
     * airline rows (0.1, 0.2, 0.3, 1, 3), 0.1 was best and 1 or more was worse than none.
     */
    static final double VECTOR_SCALE = 0.1;

    private final int bucketBits;
    private final int mask;
    private final WordVectors wordVectors;
    private final FeatureLanguage language;

    /** Hashed features of English text only. */
    public TextFeatures(int bucketBits) {
        this(bucketBits, null, FeatureLanguage.ENGLISH);
    }

    /**
     * Hashed features of {@code language}'s text, and when {@code wordVectors} is not null also
     * {@link #DENSE_FEATURES} dense ones.
     */
    public TextFeatures(int bucketBits, WordVectors wordVectors, FeatureLanguage language) {
        if (bucketBits < 8 || bucketBits > 26) {
            throw new IllegalArgumentException("bucketBits must be in [8, 26], was " + bucketBits);
        }
        this.bucketBits = bucketBits;
        this.mask = (1 << bucketBits) - 1;
        this.wordVectors = wordVectors;
        this.language = language;
    }

    /** The language whose tokens and word sets the features use. */
    public FeatureLanguage language() {
        return language;
    }

    /** The word vectors behind the dense features, or null when there are none. */
    public WordVectors wordVectors() {
        return wordVectors;
    }

    /**
     * How many dense features {@link #extract} writes to {@link FeatureBuffer#dense()}: 0 or {@link
     * #DENSE_FEATURES}.
     */
    public int denseCount() {
        return wordVectors == null ? 0 : DENSE_FEATURES;
    }

    public int bucketBits() {
        return bucketBits;
    }

    public int bucketCount() {
        return mask + 1;
    }

    /**
     * Extracts the features of {@code text} into {@code buffer}; ids may repeat (a repeated n-gram
     * counts twice), which training and serving both read as a count.
     *
     * @return the number of feature ids written
     */
    public int extract(CharSequence text, FeatureBuffer buffer) {
        buffer.reset();
        int allCapsWords = Tokenizer.tokenize(text, buffer, language);
        addFeature(buffer, 0, NS_BIAS);
        addCharNgrams(buffer);
        addWordFeatures(buffer);
        for (int i = 0; i < allCapsWords; i++) {
            addFeature(buffer, FLAG_ALL_CAPS, NS_FLAG);
        }
        if (wordVectors != null) {
            DenseFeatures.write(buffer, wordVectors);
        }
        return buffer.featureCount;
    }

    private void addCharNgrams(FeatureBuffer b) {
        char[] chars = b.chars;
        int len = b.length;
        for (int i = 0; i < len - 1; i++) {
            long h = TokenHashes.FNV_OFFSET;
            int end = Math.min(len, i + 5);
            h = TokenHashes.fnv(h, chars[i]);
            for (int k = i + 1; k < end; k++) {
                h = TokenHashes.fnv(h, chars[k]);
                if (k - i >= 2) {
                    addFeature(b, h, NS_CHAR);
                }
            }
        }
    }

    private void addWordFeatures(FeatureBuffer b) {
        boolean sawPositive = false;
        boolean sawComplaintCue = false;
        int negationLeft = 0;
        boolean intensify = false;
        boolean sawNumber = false;
        long[] hashes = b.tokenHash;
        FeatureLanguage words = language;
        for (int t = 0; t < b.tokenCount; t++) {
            long h = hashes[t];
            byte kind = b.tokenKind[t];
            if (kind == Tokenizer.CLAUSE_END) {
                negationLeft = 0;
            }
            int wordClasses = kind == Tokenizer.WORD ? words.classes.of(h) : 0;
            boolean negated = negationLeft > 0;
            addFeature(b, h, negated && kind == Tokenizer.WORD ? NS_NOT : NS_W1);
            if (t + 1 < b.tokenCount) {
                addFeature(b, h * 31 + hashes[t + 1], NS_W2);
            }
            if (t + 2 < b.tokenCount) {
                addFeature(b, (h * 31 + hashes[t + 1]) * 31 + hashes[t + 2], NS_W3);
            }
            if (intensify && kind == Tokenizer.WORD) {
                addFeature(b, h, NS_INTENSE);
            }
            intensify = (wordClasses & WordClasses.INTENSIFIER) != 0;

            switch (kind) {
                case Tokenizer.EMO_POSITIVE -> addFeature(b, FLAG_EMO_POSITIVE, NS_FLAG);
                case Tokenizer.EMO_NEGATIVE -> addFeature(b, FLAG_EMO_NEGATIVE, NS_FLAG);
                case Tokenizer.CLAUSE_END, Tokenizer.PUNCT -> {
                    int start = b.tokenStart[t];
                    if (b.tokenEnd[t] - start == 2) {
                        char mark = b.chars[start];
                        if (mark == '!') {
                            addFeature(b, FLAG_REPEATED_EXCLAMATION, NS_FLAG);
                        } else if (mark == '?') {
                            addFeature(b, FLAG_REPEATED_QUESTION, NS_FLAG);
                        }
                    }
                }
                case Tokenizer.WORD -> {
                    if ((wordClasses & WordClasses.WAITING) != 0) {
                        addFeature(b, FLAG_WAITING, NS_FLAG);
                        sawComplaintCue = true;
                    }
                    if (sawNumber && (wordClasses & WordClasses.TIME_UNIT) != 0) {
                        addFeature(b, FLAG_TIME_EXPRESSION, NS_FLAG);
                        sawComplaintCue = true;
                    }
                    if ((wordClasses & WordClasses.MANAGER) != 0) {
                        addFeature(
                                b,
                                negated ? FLAG_NEGATED_MANAGER_REQUEST : FLAG_MANAGER_REQUEST,
                                NS_FLAG);
                    }
                    if ((wordClasses & WordClasses.CANCEL) != 0) {
                        addFeature(
                                b,
                                negated ? FLAG_NEGATED_CANCEL_REQUEST : FLAG_CANCEL_REQUEST,
                                NS_FLAG);
                    }
                    if ((wordClasses & WordClasses.NEGATIVE) != 0) {
                        addFeature(
                                b,
                                negated ? FLAG_NEGATED_NEGATIVE_WORD : FLAG_NEGATIVE_WORD,
                                NS_FLAG);
                    }
                    if ((wordClasses & WordClasses.POSITIVE) != 0) {
                        addFeature(
                                b,
                                negated ? FLAG_NEGATED_POSITIVE_WORD : FLAG_POSITIVE_WORD,
                                NS_FLAG);
                        sawPositive |= !negated;
                    }
                    if ((wordClasses & WordClasses.THANKS) != 0) {
                        addFeature(b, FLAG_THANKS, NS_FLAG);
                        sawPositive = true;
                    }
                }
                default -> {}
            }
            sawNumber = kind == Tokenizer.NUMBER || (wordClasses & WordClasses.NUMBER_WORD) != 0;

            if (kind == Tokenizer.WORD && isNegator(b, t, wordClasses, words)) {
                negationLeft = NEGATION_SCOPE;
            } else if (negationLeft > 0) {
                negationLeft--;
            }
        }
        // Thanks or praise next to waiting or a time span is, in service text, mostly sarcasm
        // ("thanks for the 3 hour delay"); one flag lets the classifier learn how much it means.
        if (sawPositive && sawComplaintCue) {
            addFeature(b, FLAG_POSITIVE_WITH_COMPLAINT, NS_FLAG);
        }
    }

    /** The id of a word unigram, plain or negated; for tests. */
    int wordFeature(String word, boolean negated) {
        return bucket(TokenHashes.hashOf(word), negated ? NS_NOT : NS_W1);
    }

    /** The id of a flag feature; for tests. */
    int flagFeature(long flag) {
        return bucket(flag, NS_FLAG);
    }

    private int bucket(long value, long namespace) {
        return (int) TokenHashes.fmix64(value ^ namespace) & mask;
    }

    private void addFeature(FeatureBuffer b, long value, long namespace) {
        b.addFeature(bucket(value, namespace));
    }

    private static boolean isNegator(
            FeatureBuffer b, int t, int wordClasses, FeatureLanguage words) {
        if ((wordClasses & WordClasses.NEGATOR) != 0) {
            return true;
        }
        if (!words.negativeContractions) {
            return false;
        }
        int end = b.tokenEnd[t];
        int start = b.tokenStart[t];
        return end - start >= 4
                && b.chars[end - 3] == 'n'
                && b.chars[end - 2] == '\''
                && b.chars[end - 1] == 't';
    }
}
