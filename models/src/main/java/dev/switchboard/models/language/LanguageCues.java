package dev.switchboard.models.language;

import dev.switchboard.models.text.TokenHashes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A cheap test of whether a text is clearly in another language than the one its conversation was
 * detected in, so that the detector (which costs far more) runs again only then: each language's
 * most frequent function words, counted in one pass over the text without allocating. A text is
 * clearly another language when it holds none of the current language's words and at least {@value
 * #CLEAR_HITS} of another candidate's.
 */
public final class LanguageCues {
    /** Function words of another language that make a switch clear. */
    static final int CLEAR_HITS = 2;

    private static final Map<String, long[]> WORDS =
            Map.of(
                    "en",
                    hashes(
                            "the and is are you your my me i it to of for with this that was have not can what please"),
                    "es",
                    hashes(
                            "el la los las es y que de en un una por para con mi su no lo me quiero está pero muy"),
                    "fr",
                    hashes(
                            "le la les est et que de des en un une pour avec mon ma je vous pas ne il c'est mais très"),
                    "de",
                    hashes(
                            "der die das ist und ich nicht sie mit ein eine mein meine für auf zu den dem es aber sehr"),
                    "it",
                    hashes(
                            "il lo la gli le è e che di un una per con mio mia non sono ho ma molto questo"),
                    "pt",
                    hashes(
                            "o os as é e que de do da em um uma para com meu minha não eu você mas muito está"),
                    "nl",
                    hashes(
                            "de het een is en ik niet je u met mijn voor op van dat maar zijn heb wil"));

    private LanguageCues() {}

    private static long[] hashes(String words) {
        String[] list = words.split(" ");
        long[] h = new long[list.length];
        for (int i = 0; i < list.length; i++) {
            h[i] = TokenHashes.hashOfLowerCase(list[i], 0, list[i].length());
        }
        Arrays.sort(h);
        return h;
    }

    /** How many words of {@code text} are function words of {@code language} (0 if unknown). */
    public static int hits(CharSequence text, String language) {
        long[] words = WORDS.get(language.toLowerCase(Locale.ROOT));
        if (words == null) {
            return 0;
        }
        int hits = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '\'')) {
                i++;
            }
            if (Arrays.binarySearch(words, TokenHashes.hashOfLowerCase(text, start, i)) >= 0) {
                hits++;
            }
        }
        return hits;
    }

    /**
     * Whether {@code text} is clearly in one of {@code candidates} other than {@code current}: at
     * least {@value #CLEAR_HITS} of the other's function words, and three times as many as of
     * {@code current}'s.
     */
    public static boolean clearlyOther(
            CharSequence text, String current, Iterable<String> candidates) {
        int currentHits = -1;
        for (String other : candidates) {
            if (other.equals(current)) {
                continue;
            }
            int otherHits = hits(text, other);
            if (otherHits >= CLEAR_HITS) {
                if (currentHits < 0) {
                    currentHits = hits(text, current);
                }
                if (otherHits >= 3 * currentHits) {
                    return true;
                }
            }
        }
        return false;
    }
}
