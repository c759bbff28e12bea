package dev.switchboard.models.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Card numbers, and the expiry dates and security codes written next to them or after their names.
 *
 * <p>A card is 13 to 19 digits, in groups separated by single spaces, dashes or dots, that pass the
 * Luhn check and begin as a card network's numbers do (2, 3, 4, 5 or 6; 2 only as 22 to 27). Digits
 * around a card ("order 12 4111 ...", "... 1111 123") belong to the same run of groups, so every
 * contiguous range of whole groups is tried and a valid one of the most common length wins. A run
 * glued to letters ("1Z999AA1012...") is a tracking number, not a card.
 */
final class PaymentCards {
    private PaymentCards() {}

    /** Digit groups joined by single separators, not glued to letters or other digits. */
    private static final Pattern DIGIT_RUN =
            Pattern.compile("(?<![\\p{L}\\p{N}])\\d+(?:[ .-]\\d+)*(?![\\p{L}\\p{N}])");

    private static final String EXPIRY = "(?:0?[1-9]|1[0-2]) ?/ ?(?:20)?\\d{2}(?!\\d)";
    private static final String EXPIRY_CUE =
            "(?:exp(?:iry|ires|iring|iration)?(?: date)?|valid (?:thru|through|until)|caduca|vence|expire(?: fin)?|g\u00fcltig bis|scadenza)";
    private static final String CODE_CUE =
            "(?:cvv2?|cvc2?|cid|csc|security code|card code|c\u00f3digo de seguridad|cryptogramme|pr\u00fcfziffer)";

    /**
     * Right after a card (or its expiry): an expiry, with or without its cue, or a 3-4 digit code.
     */
    private static final Pattern AFTER_CARD =
            Pattern.compile(
                    "[\\s,;:]*(?:(?i:"
                            + EXPIRY_CUE
                            + ")\\.?\\s*:?\\s*("
                            + EXPIRY
                            + ")|("
                            + EXPIRY
                            + ")"
                            + "|(?:(?i:"
                            + CODE_CUE
                            + ")\\s*(?:is|:|=)?\\s*)?(\\d{3,4})(?![\\d/.,]))");

    /** Anywhere in a text: an expiry or a code after its cue. */
    private static final Pattern CUED =
            Pattern.compile(
                    "(?i)\\b(?:"
                            + EXPIRY_CUE
                            + ")\\.?(?![\\p{L}])\\s*(?:is|:)?\\s*("
                            + EXPIRY
                            + ")"
                            + "|\\b"
                            + CODE_CUE
                            + "\\b\\s*(?:is|:|=|#)?\\s*(\\d{3,4})\\b");

    /**
     * Adds the cards of {@code text}, security details next to them and security details after
     * their names, to {@code found}.
     */
    static void find(String text, String lower, int digits, Findings found) {
        if (digits >= 13) {
            cards(text, found);
        }
        if (Scan.containsAny(lower, CUES)) {
            Matcher cued = CUED.matcher(text);
            while (cued.find()) {
                int g = cued.group(1) != null ? 1 : 2;
                found.add(cued.start(g), cued.end(g), PiiKind.CARD_SECURITY);
            }
        }
    }

    private static final String[] CUES = {
        "exp",
        "valid",
        "caduca",
        "vence",
        "g\u00fcltig",
        "scadenza",
        "cvv",
        "cvc",
        "cid",
        "csc",
        "security code",
        "card code",
        "c\u00f3digo de seguridad",
        "cryptogramme",
        "pr\u00fcfziffer"
    };

    private static void cards(String text, Findings found) {
        Matcher run = DIGIT_RUN.matcher(text);
        while (run.find()) {
            List<int[]> groups = groups(text, run.start(), run.end());
            int from = 0;
            while (from < groups.size()) {
                int[] best = longestCard(text, groups, from);
                if (best == null) {
                    break;
                }
                int start = groups.get(best[0])[0];
                int end = groups.get(best[1])[1];
                if (found.add(start, end, PiiKind.CARD)) {
                    securityAfter(text, end, found);
                }
                from = best[1] + 1;
            }
        }
    }

    /** Up to two details (expiry and code, in either order) right after a card. */
    private static void securityAfter(String text, int end, Findings found) {
        Matcher m = AFTER_CARD.matcher(text);
        for (int i = 0; i < 2 && end < text.length(); i++) {
            m.region(end, text.length());
            if (!m.lookingAt()) {
                return;
            }
            int g = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
            if (!found.add(m.start(g), m.end(g), PiiKind.CARD_SECURITY)) {
                return;
            }
            end = m.end();
        }
    }

    /** [start, end) of each digit group in text[from, to). */
    private static List<int[]> groups(String text, int from, int to) {
        List<int[]> groups = new ArrayList<>();
        int i = from;
        while (i < to) {
            int start = i;
            while (i < to && Character.isDigit(text.charAt(i))) {
                i++;
            }
            groups.add(new int[] {start, i});
            i++; // the separator
        }
        return groups;
    }

    /**
     * Card lengths from the most common to the least: when a run holds two valid cards (a card and
     * the start of an expiry after it can pass Luhn too), the more common length wins.
     */
    private static final int[] LENGTH_RANK = {
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 4, 3, 1, 0, 6, 5, 2
    };

    /** The first and last group of the most likely valid card among groups[from..], or null. */
    private static int[] longestCard(String text, List<int[]> groups, int from) {
        int[] best = null;
        int bestRank = Integer.MAX_VALUE;
        for (int i = from; i < groups.size(); i++) {
            if (!cardPrefix(text, groups.get(i)[0]) || afterImei(text, groups.get(i)[0])) {
                continue;
            }
            int digits = 0;
            for (int j = i; j < groups.size(); j++) {
                digits += groups.get(j)[1] - groups.get(j)[0];
                if (digits > 19) {
                    break;
                }
                if (digits >= 13
                        && LENGTH_RANK[digits] < bestRank
                        && luhn(text, groups.get(i)[0], groups.get(j)[1])) {
                    best = new int[] {i, j};
                    bestRank = LENGTH_RANK[digits];
                }
            }
        }
        return best;
    }

    /** A phone's IMEI passes Luhn as cards do; the word before it tells them apart. */
    private static boolean afterImei(String text, int start) {
        int from = Math.max(0, start - 8);
        return text.substring(from, start).toLowerCase(java.util.Locale.ROOT).contains("imei");
    }

    private static boolean cardPrefix(String text, int start) {
        char first = text.charAt(start);
        if (first >= '3' && first <= '6') {
            return true;
        }
        if (first != '2' || start + 1 >= text.length()) {
            return false;
        }
        char second = text.charAt(start + 1);
        return second >= '2' && second <= '7';
    }

    private static boolean luhn(String text, int start, int end) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** The Luhn check over the digits of {@code candidate}, for 13 to 19 digits. */
    static boolean luhn(String candidate) {
        int digits = 0;
        for (int i = 0; i < candidate.length(); i++) {
            if (Character.isDigit(candidate.charAt(i))) {
                digits++;
            }
        }
        return digits >= 13 && digits <= 19 && luhn(candidate, 0, candidate.length());
    }
}
