package dev.switchboard.models.text;

/**
 * The scanner that normalises a message into token spans of a {@link FeatureBuffer}: lower-cased
 * words with digits folded, mentions as {@code @user}, links as {@code <url>}, emoticons and emoji
 * by polarity, punctuation runs, clause ends. Small and allocation-free on purpose: training and
 * serving share it, so the model sees the same tokens in both ({@link TextFeatures} says why not
 * CoreNLP's tokenizer).
 */
final class Tokenizer {
    private Tokenizer() {}

    static final byte WORD = 0;
    static final byte NUMBER = 1;
    static final byte PUNCT = 2;
    static final byte CLAUSE_END = 3;
    static final byte EMO_POSITIVE = 4;
    static final byte EMO_NEGATIVE = 5;
    static final byte EMO_OTHER = 6;

    /**
     * Normalises {@code text} into token spans of the buffer; returns the count of words in
     * capitals.
     */
    static int tokenize(CharSequence text, FeatureBuffer b, FeatureLanguage language) {
        return tokenize(text, b, language.normalisation, language.splitElisions);
    }

    /** As {@link #tokenize(CharSequence, FeatureBuffer, FeatureLanguage)}, by its two settings. */
    static int tokenize(
            CharSequence text,
            FeatureBuffer b,
            FeatureLanguage.Normalisation normalisation,
            boolean splitElisions) {
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
                            char lower = Character.toLowerCase(d);
                            if (normalisation == FeatureLanguage.Normalisation.NONE
                                    || !isThirdInARow(b, start, lower)) {
                                appendLetter(b, lower, normalisation);
                            }
                        }
                        i++;
                    } else if ((d == '\'' || d == '\u2019')
                            && i + 1 < n
                            && Character.isLetter(text.charAt(i + 1))) {
                        digitsOnly = false;
                        b.appendChar('\'');
                        i++;
                        if (splitElisions) {
                            // "l'attente", "dell'ordine": the elided article is a token of its
                            // own, so the word after it is the word the lexicons know.
                            break;
                        }
                    } else {
                        break;
                    }
                }
                if (letters >= 3 && upper == letters) {
                    allCaps++;
                }
                if (normalisation != FeatureLanguage.Normalisation.NONE && isLaughter(b, start)) {
                    // "jajaja", "jejeje", "kkkkk", "rsrs": one token, however long.
                    b.length = start;
                    appendLiteral(b, LAUGHTER);
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

    /** The token every written laugh becomes, outside English. */
    static final String LAUGHTER = "haha";

    /**
     * Whether {@code c} would be the third same letter in a row of the token: "muyyyy" and "siiiii"
     * are read as "muyy" and "sii" (English keeps its tokens as its models learnt them).
     */
    private static boolean isThirdInARow(FeatureBuffer b, int start, char c) {
        int len = b.length;
        return len - start >= 2 && b.chars[len - 1] == c && b.chars[len - 2] == c;
    }

    /** "jaja", "jejeje", "hahaha", "kkk", "rsrs" (after runs are squeezed). */
    private static boolean isLaughter(FeatureBuffer b, int start) {
        int len = b.length - start;
        if (len < 2) {
            return false;
        }
        char[] c = b.chars;
        boolean allK = true;
        boolean rs = len % 2 == 0;
        boolean pairs = len >= 4;
        for (int k = 0; k < len; k++) {
            char x = c[start + k];
            allK &= x == 'k';
            rs &= x == (k % 2 == 0 ? 'r' : 's');
            pairs &= k % 2 == 0 ? x == 'j' || x == 'h' : x == 'a' || x == 'e' || x == 'i';
        }
        return allK || rs && len >= 4 || pairs;
    }

    /** Appends a lower-case letter as the language normalises it. */
    private static void appendLetter(
            FeatureBuffer b, char c, FeatureLanguage.Normalisation normalisation) {
        switch (normalisation) {
            case NONE -> b.appendChar(c);
            case FOLD_ACCENTS -> b.appendChar(c < 0xC0 ? c : foldAccent(c));
            case GERMAN -> {
                if (c == '\u00DF') {
                    b.appendChar('s');
                    b.appendChar('s');
                } else {
                    b.appendChar(c);
                }
            }
        }
    }

    /** A lower-case Latin letter without its accent ("ñ" kept); other characters unchanged. */
    static char foldAccent(char c) {
        return switch (c) {
            case '\u00E0', '\u00E1', '\u00E2', '\u00E3', '\u00E4', '\u00E5' -> 'a';
            case '\u00E7' -> 'c';
            case '\u00E8', '\u00E9', '\u00EA', '\u00EB' -> 'e';
            case '\u00EC', '\u00ED', '\u00EE', '\u00EF' -> 'i';
            case '\u00F2', '\u00F3', '\u00F4', '\u00F5', '\u00F6' -> 'o';
            case '\u00F9', '\u00FA', '\u00FB', '\u00FC' -> 'u';
            case '\u00FD', '\u00FF' -> 'y';
            default -> c;
        };
    }

    static void endToken(FeatureBuffer b, int start, byte kind) {
        long h = TokenHashes.FNV_OFFSET;
        for (int k = start; k < b.length; k++) {
            h = TokenHashes.fnv(h, b.chars[k]);
        }
        b.addToken(start, b.length, h, kind);
        b.appendChar(' ');
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static boolean isClauseEnd(char c) {
        return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':';
    }

    static int skipWordChars(CharSequence text, int i) {
        while (i < text.length() && isWordChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean startsWithIgnoreCase(CharSequence text, int i, String prefix) {
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

    static void appendLiteral(FeatureBuffer b, String s) {
        for (int k = 0; k < s.length(); k++) {
            b.appendChar(s.charAt(k));
        }
    }

    /**
     * Length of the emoticon at {@code i}: positive for happy ones, negative for sad, 0 for none.
     */
    static int matchEmoticon(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c != ':' && c != ';' && c != '=' && c != '<' && c != '>' && c != '(' && c != ')'
                && c != '^' && c != '-') {
            return 0;
        }
        for (String e : Lexicon.POSITIVE_EMOTICONS) {
            if (emoticonAt(text, i, e)) {
                return e.length();
            }
        }
        for (String e : Lexicon.NEGATIVE_EMOTICONS) {
            if (emoticonAt(text, i, e)) {
                return -e.length();
            }
        }
        return 0;
    }

    /**
     * An emoticon must end the token, so "(:" inside "(:00 pm)" or ":d" in ":data" do not count.
     */
    static boolean emoticonAt(CharSequence text, int i, String e) {
        if (!startsWithIgnoreCase(text, i, e)) {
            return false;
        }
        int end = i + e.length();
        return end == text.length() || !isWordChar(text.charAt(end));
    }

    static byte emojiKind(int cp) {
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
}
