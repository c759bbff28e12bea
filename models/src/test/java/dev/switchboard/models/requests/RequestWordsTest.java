package dev.switchboard.models.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lookup table answers what a scan of the lists would, for every word of every language. */
class RequestWordsTest {
    static Stream<RequestWords> languages() {
        return Stream.of("en", "es", "fr", "de", "it", "pt").map(RequestWords::of);
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyListedWordHasTheRolesOfTheListsItIsIn(RequestWords words) {
        String[][] lists = {
            words.clauseBreaks,
            words.requestCues,
            words.legalCues,
            words.possessives,
            words.negators,
            words.triggers
        };
        for (String[] list : lists) {
            for (String w : list) {
                int expected = scan(words, w);
                assertEquals(expected, roles(words, w, 0, w.length()), words.code + ": " + w);
                String upper = w.toUpperCase(Locale.ROOT);
                assertEquals(expected, roles(words, upper, 0, upper.length()), upper);
                String inText = "« " + w + " »";
                assertEquals(expected, roles(words, inText, 2, 2 + w.length()), inText);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("languages")
    void aWordOfNoListHasNoRole(RequestWords words) {
        for (String w : new String[] {"refund", "", "x", "managers", "manage", "please"}) {
            assertEquals(scan(words, w), roles(words, w, 0, w.length()), w);
        }
    }

    @org.junit.jupiter.api.Test
    void accentsFoldOnlyWhereTheListsAreWrittenWithoutThem() {
        RequestWords spanish = RequestWords.of("es");
        assertEquals(spanish.rolesOf("cancelacion", 0, 11), spanish.rolesOf("CANCELACIÓN", 0, 11));
        assertEquals(
                RequestWords.TRIGGER, spanish.rolesOf("cancelación", 0, 11) & RequestWords.TRIGGER);
        assertEquals(0, RequestWords.ENGLISH.rolesOf("cáncel", 0, 6));
        assertEquals(
                RequestWords.NEGATOR,
                RequestWords.ENGLISH.rolesOf("don’t", 0, 5) & RequestWords.NEGATOR,
                "’ reads as '");
    }

    /** The role bits of a word, without the trigger's index. */
    private static int roles(RequestWords words, String text, int start, int end) {
        return words.rolesOf(text, start, end) & 0xFFFF;
    }

    /** The roles by scanning the lists, as the detector once did. */
    private static int scan(RequestWords words, String w) {
        String folded = fold(words, w);
        int roles = 0;
        roles |= in(words.clauseBreaks, folded) ? RequestWords.CLAUSE_BREAK : 0;
        roles |= in(words.requestCues, folded) ? RequestWords.REQUEST_CUE_WORD : 0;
        roles |= in(words.legalCues, folded) ? RequestWords.LEGAL_CUE_WORD : 0;
        roles |= in(words.possessives, folded) ? RequestWords.POSSESSIVE : 0;
        roles |= in(words.negators, folded) ? RequestWords.NEGATOR : 0;
        int trigger = Arrays.asList(words.triggers).indexOf(folded);
        if (trigger >= 0) {
            roles |= RequestWords.TRIGGER;
            assertEquals(trigger, RequestWords.triggerOf(words.rolesOf(w, 0, w.length())));
        }
        return roles;
    }

    private static String fold(RequestWords words, String w) {
        StringBuilder b = new StringBuilder();
        for (char c : w.toCharArray()) {
            b.append(RequestWords.fold(c, words.foldAccents));
        }
        return b.toString();
    }

    private static boolean in(String[] list, String w) {
        return Arrays.asList(list).contains(w);
    }
}
