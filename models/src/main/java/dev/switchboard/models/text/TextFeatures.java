package dev.switchboard.models.text;

import java.util.Arrays;

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
 *       four word-polarity features ({@link #addDenseFeatures}), written to {@link
 *       FeatureBuffer#dense()} rather than hashed.
 * </ul>
 */
public final class TextFeatures {
    /** Tokens after a negator that stay negated when no clause boundary comes first. */
    public static final int NEGATION_SCOPE = 5;

    static final byte WORD = 0;
    static final byte NUMBER = 1;
    static final byte PUNCT = 2;
    static final byte CLAUSE_END = 3;
    static final byte EMO_POSITIVE = 4;
    static final byte EMO_NEGATIVE = 5;
    static final byte EMO_OTHER = 6;

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

    private static final long[] NEGATORS =
            lexicon(
                    "not",
                    "no",
                    "never",
                    "nobody",
                    "nothing",
                    "none",
                    "nowhere",
                    "neither",
                    "nor",
                    "cannot",
                    "without",
                    "noone",
                    "hardly",
                    "dont",
                    "cant",
                    "wont",
                    "didnt",
                    "isnt",
                    "doesnt",
                    "havent",
                    "hasnt",
                    "wasnt",
                    "werent",
                    "arent",
                    "couldnt",
                    "wouldnt",
                    "shouldnt",
                    "aint");
    private static final long[] INTENSIFIERS =
            lexicon(
                    "very",
                    "so",
                    "really",
                    "extremely",
                    "totally",
                    "absolutely",
                    "completely",
                    "super",
                    "incredibly",
                    "ridiculously",
                    "seriously",
                    "too",
                    "such",
                    "most",
                    "utterly",
                    "beyond",
                    "horribly",
                    "terribly");
    private static final long[] WAITING =
            lexicon(
                    "wait", "waiting", "waited", "waits", "hold", "queue", "queued", "delayed",
                    "delay", "delays", "still", "forever", "ages", "again", "yet", "late",
                    "another");
    private static final long[] TIME_UNITS =
            lexicon(
                    "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "day", "days",
                    "week", "weeks", "month", "months");
    private static final long[] MANAGER_WORDS =
            lexicon(
                    "manager",
                    "supervisor",
                    "escalate",
                    "escalation",
                    "complaint",
                    "complain",
                    "lawyer",
                    "attorney",
                    "sue",
                    "legal",
                    "ombudsman",
                    "human",
                    "someone",
                    "person");
    private static final long[] CANCEL_WORDS =
            lexicon(
                    "cancel",
                    "cancelling",
                    "canceling",
                    "cancellation",
                    "refund",
                    "refunded",
                    "chargeback",
                    "close",
                    "closing",
                    "terminate",
                    "leave",
                    "switching");

    /**
     * A small polarity lexicon written for customer-service text (service failures, travel,
     * billing, thanks). Each occurrence sets a positive or negative flag, flipped in negation
     * scope; the classifier learns how much each flag weighs.
     */
    private static final long[] NEGATIVE_WORDS =
            lexicon(
                    "bad",
                    "awful",
                    "terrible",
                    "horrible",
                    "worst",
                    "worse",
                    "poor",
                    "rude",
                    "useless",
                    "broken",
                    "fail",
                    "failed",
                    "failing",
                    "fails",
                    "failure",
                    "ridiculous",
                    "unacceptable",
                    "disappointed",
                    "disappointing",
                    "disappointment",
                    "frustrated",
                    "frustrating",
                    "frustration",
                    "angry",
                    "annoyed",
                    "annoying",
                    "upset",
                    "furious",
                    "mad",
                    "hate",
                    "hated",
                    "hates",
                    "sucks",
                    "suck",
                    "sucked",
                    "pathetic",
                    "disgusting",
                    "disgraceful",
                    "incompetent",
                    "lost",
                    "lose",
                    "losing",
                    "missed",
                    "miss",
                    "missing",
                    "cancelled",
                    "canceled",
                    "delayed",
                    "delay",
                    "delays",
                    "stuck",
                    "stranded",
                    "problem",
                    "problems",
                    "issue",
                    "issues",
                    "wrong",
                    "error",
                    "errors",
                    "mistake",
                    "complaint",
                    "complain",
                    "complaining",
                    "never",
                    "nobody",
                    "nothing",
                    "waste",
                    "wasted",
                    "slow",
                    "late",
                    "rudely",
                    "unhelpful",
                    "unprofessional",
                    "joke",
                    "shame",
                    "shameful",
                    "sad",
                    "sorry",
                    "apologize",
                    "unfortunately",
                    "fee",
                    "fees",
                    "charged",
                    "overcharged",
                    "scam",
                    "lie",
                    "lied",
                    "lies",
                    "liar",
                    "misleading",
                    "refuse",
                    "refused",
                    "denied",
                    "deny",
                    "hassle",
                    "nightmare",
                    "mess",
                    "ruined",
                    "ruin",
                    "damage",
                    "damaged",
                    "dirty",
                    "uncomfortable",
                    "cramped",
                    "smelly",
                    "hungry",
                    "tired",
                    "exhausted",
                    "sick",
                    "worried",
                    "concern",
                    "concerned",
                    "confused",
                    "confusing",
                    "impossible",
                    "difficult",
                    "hard",
                    "trouble",
                    "worthless",
                    "lousy",
                    "crap",
                    "crappy",
                    "garbage",
                    "trash",
                    "inconvenience",
                    "inconvenient",
                    "unreliable",
                    "fault",
                    "blame",
                    "ignored",
                    "ignoring",
                    "ignore",
                    "rebooked",
                    "overbooked",
                    "oversold");

    private static final long[] POSITIVE_WORDS =
            lexicon(
                    "good",
                    "great",
                    "excellent",
                    "amazing",
                    "awesome",
                    "fantastic",
                    "wonderful",
                    "love",
                    "loved",
                    "loves",
                    "lovely",
                    "best",
                    "better",
                    "nice",
                    "thanks",
                    "thank",
                    "thankyou",
                    "appreciate",
                    "appreciated",
                    "helpful",
                    "kind",
                    "friendly",
                    "pleasant",
                    "perfect",
                    "happy",
                    "glad",
                    "pleased",
                    "impressed",
                    "impressive",
                    "easy",
                    "smooth",
                    "quick",
                    "fast",
                    "efficient",
                    "comfortable",
                    "beautiful",
                    "brilliant",
                    "superb",
                    "outstanding",
                    "enjoy",
                    "enjoyed",
                    "fun",
                    "cool",
                    "sweet",
                    "grateful",
                    "welcome",
                    "recommend",
                    "favorite",
                    "favourite",
                    "polite",
                    "professional",
                    "courteous",
                    "resolved",
                    "fixed",
                    "solved",
                    "works",
                    "working",
                    "awesome",
                    "exceptional",
                    "terrific",
                    "fabulous",
                    "delighted",
                    "satisfied");
    private static final long[] THANKS_WORDS =
            lexicon("thanks", "thank", "thx", "ty", "appreciate", "appreciated", "grateful");

    private static final String[] POSITIVE_EMOTICONS = {
        ":-)", ":)", ":-d", ":d", "=)", ";-)", ";)", "<3", ":-p", ":p", "(:", "^^", "^_^"
    };
    private static final String[] NEGATIVE_EMOTICONS = {
        ">:(", ":'(", ":-(", ":(", ":-/", ":/", ":-|", ":|", "):", "-_-", ":@"
    };

    /**
     * Dense features computed from {@link WordVectors}: the mean vector of the message's words,
     * then four polarity features (see {@link #addDenseFeatures}).
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

    /** Hashed features only. */
    public TextFeatures(int bucketBits) {
        this(bucketBits, null);
    }

    /**
     * Hashed features, and when {@code wordVectors} is not null also {@link #DENSE_FEATURES} dense
     * ones.
     */
    public TextFeatures(int bucketBits, WordVectors wordVectors) {
        if (bucketBits < 8 || bucketBits > 26) {
            throw new IllegalArgumentException("bucketBits must be in [8, 26], was " + bucketBits);
        }
        this.bucketBits = bucketBits;
        this.mask = (1 << bucketBits) - 1;
        this.wordVectors = wordVectors;
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
        int allCapsWords = tokenize(text, buffer);
        addFeature(buffer, 0, NS_BIAS);
        addCharNgrams(buffer);
        addWordFeatures(buffer);
        for (int i = 0; i < allCapsWords; i++) {
            addFeature(buffer, FLAG_ALL_CAPS, NS_FLAG);
        }
        if (wordVectors != null) {
            addDenseFeatures(buffer);
        }
        return buffer.featureCount;
    }

    /**
     * Writes the dense features: the mean vector of the words that have one (scaled by {@value
     * #VECTOR_SCALE}), then, over the words with a polarity p, the sum of the positive parts and of
     * the negative parts (each divided by the square root of the count, like the hashed features),
     * the largest p (at least 0) and the smallest (at most 0). All zero when no word is known. The
     * polarity is the word's own, not flipped in negation scope: a flipped variant cross-validated
     * no better, and the negated n-grams already carry negation.
     */
    private void addDenseFeatures(FeatureBuffer b) {
        double[] dense = b.dense;
        Arrays.fill(dense, 0.0);
        int[] vectorSum = b.vectorSum;
        Arrays.fill(vectorSum, 0);
        int withVector = 0;
        int withPolarity = 0;
        double positive = 0;
        double negative = 0;
        double max = 0;
        double min = 0;
        for (int t = 0; t < b.tokenCount; t++) {
            if (b.tokenKind[t] != WORD) {
                continue;
            }
            int entry = wordVectors.entryOf(b.tokenHash[t]);
            if (entry < 0) {
                continue;
            }
            if (wordVectors.hasVector(entry)) {
                wordVectors.addVector(entry, vectorSum);
                withVector++;
            }
            float p = wordVectors.polarity(entry);
            if (!Float.isNaN(p)) {
                withPolarity++;
                if (p > 0) {
                    positive += p;
                } else {
                    negative -= p;
                }
                max = Math.max(max, p);
                min = Math.min(min, p);
            }
        }
        int d = WordVectors.DIMENSIONS;
        if (withVector > 0) {
            double scale = VECTOR_SCALE * wordVectors.vectorScale() / withVector;
            for (int k = 0; k < d; k++) {
                dense[k] = vectorSum[k] * scale;
            }
        }
        if (withPolarity > 0) {
            double norm = Math.sqrt(withPolarity);
            dense[d] = positive / norm;
            dense[d + 1] = negative / norm;
            dense[d + 2] = max;
            dense[d + 3] = min;
        }
    }

    /**
     * Normalises {@code text} into token spans of the buffer; returns the count of words in
     * capitals.
     */
    private static int tokenize(CharSequence text, FeatureBuffer b) {
        int n = text.length();
        int allCaps = 0;
        b.appendChar(' ');
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                i++;
                continue;
            }
            int start = b.length;
            if (c == '@' && i + 1 < n && isWordChar(text.charAt(i + 1))) {
                i = skipWordChars(text, i + 1);
                appendLiteral(b, "@user");
                endToken(b, start, WORD);
                continue;
            }
            if ((c == 'h' || c == 'H') && startsWithIgnoreCase(text, i, "http")
                    || (c == 'w' || c == 'W') && startsWithIgnoreCase(text, i, "www.")) {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                appendLiteral(b, "<url>");
                endToken(b, start, WORD);
                continue;
            }
            int emoticon = matchEmoticon(text, i);
            if (emoticon != 0) {
                int len = Math.abs(emoticon);
                for (int k = 0; k < len; k++) {
                    b.appendChar(Character.toLowerCase(text.charAt(i + k)));
                }
                i += len;
                endToken(b, start, emoticon > 0 ? EMO_POSITIVE : EMO_NEGATIVE);
                continue;
            }
            if (isWordChar(c)) {
                int letters = 0;
                int upper = 0;
                boolean digitsOnly = true;
                while (i < n) {
                    char d = text.charAt(i);
                    if (isWordChar(d)) {
                        if (Character.isDigit(d)) {
                            b.appendChar('0');
                        } else {
                            digitsOnly = false;
                            if (Character.isLetter(d)) {
                                letters++;
                                if (Character.isUpperCase(d)) {
                                    upper++;
                                }
                            }
                            b.appendChar(Character.toLowerCase(d));
                        }
                        i++;
                    } else if ((d == '\'' || d == '\u2019')
                            && i + 1 < n
                            && Character.isLetter(text.charAt(i + 1))) {
                        digitsOnly = false;
                        b.appendChar('\'');
                        i++;
                    } else {
                        break;
                    }
                }
                if (letters >= 3 && upper == letters) {
                    allCaps++;
                }
                endToken(b, start, digitsOnly ? NUMBER : WORD);
                continue;
            }
            if (c == '#') {
                i++;
                continue;
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < n
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                b.appendChar(c);
                b.appendChar(text.charAt(i + 1));
                i += 2;
                endToken(b, start, emojiKind(cp));
                continue;
            }
            if (c >= 0x2600 && c <= 0x27BF) {
                b.appendChar(c);
                i++;
                endToken(b, start, emojiKind(c));
                continue;
            }
            // Any other symbol or punctuation: a run of the same mark becomes at most two of it.
            int j = i;
            while (j < n && text.charAt(j) == c) {
                j++;
            }
            b.appendChar(c);
            if (j - i >= 2) {
                b.appendChar(c);
            }
            i = j;
            endToken(b, start, isClauseEnd(c) ? CLAUSE_END : PUNCT);
        }
        return allCaps;
    }

    private static void endToken(FeatureBuffer b, int start, byte kind) {
        long h = FNV_OFFSET;
        for (int k = start; k < b.length; k++) {
            h = fnv(h, b.chars[k]);
        }
        b.addToken(start, b.length, h, kind);
        b.appendChar(' ');
    }

    private void addCharNgrams(FeatureBuffer b) {
        char[] chars = b.chars;
        int len = b.length;
        for (int i = 0; i < len - 1; i++) {
            long h = FNV_OFFSET;
            int end = Math.min(len, i + 5);
            h = fnv(h, chars[i]);
            for (int k = i + 1; k < end; k++) {
                h = fnv(h, chars[k]);
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
        for (int t = 0; t < b.tokenCount; t++) {
            long h = hashes[t];
            byte kind = b.tokenKind[t];
            if (kind == CLAUSE_END) {
                negationLeft = 0;
            }
            boolean negated = negationLeft > 0;
            addFeature(b, h, negated && kind == WORD ? NS_NOT : NS_W1);
            if (t + 1 < b.tokenCount) {
                addFeature(b, h * 31 + hashes[t + 1], NS_W2);
            }
            if (t + 2 < b.tokenCount) {
                addFeature(b, (h * 31 + hashes[t + 1]) * 31 + hashes[t + 2], NS_W3);
            }
            if (intensify && kind == WORD) {
                addFeature(b, h, NS_INTENSE);
            }
            intensify = kind == WORD && contains(INTENSIFIERS, h);

            switch (kind) {
                case EMO_POSITIVE -> addFeature(b, FLAG_EMO_POSITIVE, NS_FLAG);
                case EMO_NEGATIVE -> addFeature(b, FLAG_EMO_NEGATIVE, NS_FLAG);
                case CLAUSE_END, PUNCT -> {
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
                case WORD -> {
                    if (contains(WAITING, h)) {
                        addFeature(b, FLAG_WAITING, NS_FLAG);
                        sawComplaintCue = true;
                    }
                    if (sawNumber && contains(TIME_UNITS, h)) {
                        addFeature(b, FLAG_TIME_EXPRESSION, NS_FLAG);
                        sawComplaintCue = true;
                    }
                    if (contains(MANAGER_WORDS, h)) {
                        addFeature(
                                b,
                                negated ? FLAG_NEGATED_MANAGER_REQUEST : FLAG_MANAGER_REQUEST,
                                NS_FLAG);
                    }
                    if (contains(CANCEL_WORDS, h)) {
                        addFeature(
                                b,
                                negated ? FLAG_NEGATED_CANCEL_REQUEST : FLAG_CANCEL_REQUEST,
                                NS_FLAG);
                    }
                    if (contains(NEGATIVE_WORDS, h)) {
                        addFeature(
                                b,
                                negated ? FLAG_NEGATED_NEGATIVE_WORD : FLAG_NEGATIVE_WORD,
                                NS_FLAG);
                    }
                    if (contains(POSITIVE_WORDS, h)) {
                        addFeature(
                                b,
                                negated ? FLAG_NEGATED_POSITIVE_WORD : FLAG_POSITIVE_WORD,
                                NS_FLAG);
                        sawPositive |= !negated;
                    }
                    if (contains(THANKS_WORDS, h)) {
                        addFeature(b, FLAG_THANKS, NS_FLAG);
                        sawPositive = true;
                    }
                }
                default -> {}
            }
            sawNumber = kind == NUMBER || kind == WORD && isNumberWord(b, t);

            if (kind == WORD && isNegator(b, t, h)) {
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
        return bucket(hashOf(word), negated ? NS_NOT : NS_W1);
    }

    /** The id of a flag feature; for tests. */
    int flagFeature(long flag) {
        return bucket(flag, NS_FLAG);
    }

    private int bucket(long value, long namespace) {
        return (int) fmix64(value ^ namespace) & mask;
    }

    private void addFeature(FeatureBuffer b, long value, long namespace) {
        b.addFeature(bucket(value, namespace));
    }

    private static boolean isNegator(FeatureBuffer b, int t, long hash) {
        if (contains(NEGATORS, hash)) {
            return true;
        }
        int end = b.tokenEnd[t];
        int start = b.tokenStart[t];
        return end - start >= 4
                && b.chars[end - 3] == 'n'
                && b.chars[end - 2] == '\''
                && b.chars[end - 1] == 't';
    }

    /** "an hour", "a few days", "two hours": the unit counts as a time expression. */
    private static boolean isNumberWord(FeatureBuffer b, int t) {
        return contains(NUMBER_WORDS, b.tokenHash[t]);
    }

    private static final long[] NUMBER_WORDS =
            lexicon(
                    "a", "an", "one", "two", "three", "four", "five", "six", "ten", "twenty", "few",
                    "several", "many", "couple", "half");

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isClauseEnd(char c) {
        return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':';
    }

    private static int skipWordChars(CharSequence text, int i) {
        while (i < text.length() && isWordChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean startsWithIgnoreCase(CharSequence text, int i, String prefix) {
        if (i + prefix.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (Character.toLowerCase(text.charAt(i + k)) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static void appendLiteral(FeatureBuffer b, String s) {
        for (int k = 0; k < s.length(); k++) {
            b.appendChar(s.charAt(k));
        }
    }

    /**
     * Length of the emoticon at {@code i}: positive for happy ones, negative for sad, 0 for none.
     */
    private static int matchEmoticon(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c != ':' && c != ';' && c != '=' && c != '<' && c != '>' && c != '(' && c != ')'
                && c != '^' && c != '-') {
            return 0;
        }
        for (String e : POSITIVE_EMOTICONS) {
            if (emoticonAt(text, i, e)) {
                return e.length();
            }
        }
        for (String e : NEGATIVE_EMOTICONS) {
            if (emoticonAt(text, i, e)) {
                return -e.length();
            }
        }
        return 0;
    }

    /**
     * An emoticon must end the token, so "(:" inside "(:00 pm)" or ":d" in ":data" do not count.
     */
    private static boolean emoticonAt(CharSequence text, int i, String e) {
        if (!startsWithIgnoreCase(text, i, e)) {
            return false;
        }
        int end = i + e.length();
        return end == text.length() || !isWordChar(text.charAt(end));
    }

    private static byte emojiKind(int cp) {
        if (cp >= 0x1F600 && cp <= 0x1F60D
                || cp == 0x1F642
                || cp == 0x1F643
                || cp == 0x1F917
                || cp == 0x1F44D
                || cp == 0x1F44F
                || cp == 0x1F64F
                || cp == 0x1F389
                || cp == 0x2764
                || cp == 0x263A
                || cp == 0x1F496
                || cp == 0x1F499
                || cp == 0x1F970) {
            return EMO_POSITIVE;
        }
        if (cp >= 0x1F612 && cp <= 0x1F62D
                || cp == 0x1F44E
                || cp == 0x1F644
                || cp == 0x1F92C
                || cp == 0x1F62B
                || cp == 0x1F494
                || cp == 0x2639
                || cp == 0x1F641) {
            return EMO_NEGATIVE;
        }
        return EMO_OTHER;
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;

    private static long fnv(long h, char c) {
        return (h ^ c) * 0x100000001b3L;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /**
     * The hash of a normalised token, as {@link #extract} computes it for each token of a message.
     */
    public static long hashOf(String token) {
        long h = FNV_OFFSET;
        for (int k = 0; k < token.length(); k++) {
            h = fnv(h, token.charAt(k));
        }
        return h;
    }

    private static long[] lexicon(String... words) {
        long[] hashes = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            hashes[i] = hashOf(words[i]);
        }
        Arrays.sort(hashes);
        return hashes;
    }

    private static boolean contains(long[] lexicon, long hash) {
        return Arrays.binarySearch(lexicon, hash) >= 0;
    }
}
