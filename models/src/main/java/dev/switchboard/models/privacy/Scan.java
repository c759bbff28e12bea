package dev.switchboard.models.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The scanning helpers the detectors share: cue tests, digit runs, anchored matching. */
final class Scan {
    private Scan() {}

    static boolean containsAny(String text, String[] parts) {
        for (String part : parts) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }

    static void addAll(String text, Pattern pattern, int group, PiiKind kind, Findings found) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.start(group), m.end(group), kind);
        }
    }

    /**
     * Where runs of digits begin. The patterns that begin with a number (house numbers, phone
     * numbers, postcodes before a town) cannot begin anywhere else, by their look-behinds, so they
     * are tried at these positions only rather than at every character: most of a message is words.
     */
    static int[] runStarts(String text) {
        int[] starts = new int[8];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isDigit(text.charAt(i)) && (i == 0 || !isDigit(text.charAt(i - 1)))) {
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A matcher of {@code pattern} that {@link #matchAt} positions: look-arounds see the whole
     * text, and the region's edges are not line edges.
     */
    static Matcher anchored(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** Whether {@code m} matches starting exactly at {@code start} (the region runs to the end). */
    static boolean matchAt(Matcher m, int start) {
        m.region(start, m.regionEnd());
        return m.lookingAt();
    }

    static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                n++;
            }
        }
        return n;
    }
}
