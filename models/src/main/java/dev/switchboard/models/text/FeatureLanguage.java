package dev.switchboard.models.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link TextFeatures} needs to know about a language: how its tokens are normalised and the
 * word sets behind its cues (negators, intensifiers, waiting and time words, requests for a manager
 * or to cancel, thanks, number words and a small customer-service polarity lexicon).
 *
 * <p>English keeps the word sets of {@link Lexicon} and {@link PolarityWords} and its tokens
 * exactly as before languages existed, so the shipped English models read the same features.
 * Spanish, French, Italian and Portuguese fold accents (tweets and chats often drop them: "nao",
 * "atencion"), except Spanish "ñ"; French and Italian split elisions ("l'attente" is "l'" and
 * "attente"); German keeps its umlauts ("schön" is not "schon") and writes "ß" as "ss", and leaves
 * its compounds to the character n-grams. The other languages' word sets are the resource files
 * {@code words/<code>.txt}, normalised here as the tokenizer normalises that language, so a word
 * set is written as people spell the words.
 */
public final class FeatureLanguage {
    /** The languages with features: ISO 639-1 codes. */
    public static final Set<String> CODES = Set.of("en", "es", "fr", "de", "it", "pt");

    public static final FeatureLanguage ENGLISH =
            new FeatureLanguage(
                    "en",
                    Normalisation.NONE,
                    false,
                    true,
                    Map.of(
                            "negators", Lexicon.NEGATORS,
                            "intensifiers", Lexicon.INTENSIFIERS,
                            "waiting", Lexicon.WAITING,
                            "time-units", Lexicon.TIME_UNITS,
                            "manager", Lexicon.MANAGER_WORDS,
                            "cancel", Lexicon.CANCEL_WORDS,
                            "thanks", Lexicon.THANKS_WORDS,
                            "number-words", Lexicon.NUMBER_WORDS,
                            "negative", PolarityWords.NEGATIVE_WORDS,
                            "positive", PolarityWords.POSITIVE_WORDS));

    private static final Map<String, FeatureLanguage> LOADED = new HashMap<>();

    /** How word characters are normalised beyond lower case. */
    enum Normalisation {
        NONE,
        /** Accents off vowels and "ç" ("ñ" stays: "año" is not "ano"). */
        FOLD_ACCENTS,
        /** "ß" as "ss"; umlauts kept. */
        GERMAN
    }

    private final String code;
    final Normalisation normalisation;
    final boolean splitElisions;
    final boolean negativeContractions;
    final long[] negators;
    final long[] intensifiers;
    final long[] waiting;
    final long[] timeUnits;
    final long[] managerWords;
    final long[] cancelWords;
    final long[] thanks;
    final long[] numberWords;
    final long[] negativeWords;
    final long[] positiveWords;
    final WordClasses classes;

    private FeatureLanguage(
            String code,
            Normalisation normalisation,
            boolean splitElisions,
            boolean negativeContractions,
            Map<String, long[]> sets) {
        this.code = code;
        this.normalisation = normalisation;
        this.splitElisions = splitElisions;
        this.negativeContractions = negativeContractions;
        this.negators = required(sets, "negators");
        this.intensifiers = required(sets, "intensifiers");
        this.waiting = required(sets, "waiting");
        this.timeUnits = required(sets, "time-units");
        this.managerWords = required(sets, "manager");
        this.cancelWords = required(sets, "cancel");
        this.thanks = required(sets, "thanks");
        this.numberWords = required(sets, "number-words");
        this.negativeWords = required(sets, "negative");
        this.positiveWords = required(sets, "positive");
        this.classes = new WordClasses(this);
    }

    private long[] required(Map<String, long[]> sets, String key) {
        long[] set = sets.get(key);
        if (set == null || set.length == 0) {
            throw new IllegalStateException("the " + code + " word sets lack '" + key + "'");
        }
        return set;
    }

    /**
     * The features of {@code code} (one of {@link #CODES}).
     *
     * @throws IllegalArgumentException for another code
     */
    public static FeatureLanguage of(String code) {
        if ("en".equals(code)) {
            return ENGLISH;
        }
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException(
                    "no features for language '" + code + "' (languages: " + CODES + ")");
        }
        synchronized (LOADED) {
            return LOADED.computeIfAbsent(code, FeatureLanguage::load);
        }
    }

    /**
     * A lower-case Latin letter without its accent, as Spanish, French, Italian and Portuguese
     * tokens are normalised ("ñ" kept).
     */
    public static char foldAccent(char c) {
        return c < 0xC0 ? c : Tokenizer.foldAccent(c);
    }

    /** The ISO 639-1 code. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }

    private static FeatureLanguage load(String code) {
        Normalisation normalisation =
                code.equals("de") ? Normalisation.GERMAN : Normalisation.FOLD_ACCENTS;
        boolean elisions = code.equals("fr") || code.equals("it");
        Map<String, List<String>> words = readWords(code);
        Map<String, long[]> sets = new LinkedHashMap<>();
        words.forEach((key, list) -> sets.put(key, hashes(list, normalisation, elisions)));
        return new FeatureLanguage(code, normalisation, elisions, false, sets);
    }

    private static Map<String, List<String>> readWords(String code) {
        String resource = "words/" + code + ".txt";
        Map<String, List<String>> words = new LinkedHashMap<>();
        try (InputStream in = FeatureLanguage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalStateException(
                            resource + ": '" + line + "' is not 'key: words'");
                }
                words.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                        .addAll(Arrays.asList(line.substring(colon + 1).strip().split("\\s+")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return words;
    }

    /**
     * The sorted token hashes of {@code words}, each normalised as the language's tokens are, so
     * that a word set is written as people spell the words.
     */
    private static long[] hashes(
            List<String> words, Normalisation normalisation, boolean splitElisions) {
        FeatureBuffer buffer = new FeatureBuffer();
        long[] hashes = new long[words.size() * 2];
        int n = 0;
        for (String word : words) {
            if (word.endsWith("'")) {
                // An elision ("n'", "l'") is a token only before a word; alone it is its own hash.
                if (n == hashes.length) {
                    hashes = Arrays.copyOf(hashes, n * 2);
                }
                hashes[n++] = TokenHashes.hashOf(word.toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            buffer.reset();
            Tokenizer.tokenize(word, buffer, normalisation, splitElisions);
            for (int t = 0; t < buffer.tokenCount; t++) {
                if (buffer.tokenKind[t] == Tokenizer.WORD) {
                    if (n == hashes.length) {
                        hashes = Arrays.copyOf(hashes, n * 2);
                    }
                    hashes[n++] = buffer.tokenHash[t];
                }
            }
        }
        long[] sorted = Arrays.copyOf(hashes, n);
        Arrays.sort(sorted);
        return sorted;
    }
}
