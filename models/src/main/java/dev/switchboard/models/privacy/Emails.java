package dev.switchboard.models.privacy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses, written or spelled out ("john dot smith at gmail dot com"). */
final class Emails {
    private Emails() {}

    static final Pattern EMAIL =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}._%+'-])[\\p{L}\\p{N}._%+'-]+@(?:[\\p{L}\\p{N}-]+\\.)+\\p{L}{2,24}(?![\\p{L}\\p{N}])");
    static final String DOT = "(?:\\s*\\.\\s*|\\s+dot\\s+|\\s*[(\\[]dot[)\\]]\\s*)";
    static final String AT = "(?:\\s+at\\s+|\\s*[(\\[]at[)\\]]\\s*)";
    static final String TLD =
            "(?:com|org|net|edu|gov|info|biz|io|co|uk|de|fr|es|it|nl|be|pt|ie|ch|at|pl|se|no|dk|fi|eu|us|ca|au|nz|jp|cn|in|br|mx|ar|ru)";
    static final Pattern SPELLED_EMAIL =
            Pattern.compile(
                    "(?i)(?<![\\p{L}\\p{N}])[\\p{L}\\p{N}_%+-]+(?:"
                            + DOT
                            + "[\\p{L}\\p{N}_%+-]+)*"
                            + AT
                            + "[\\p{L}\\p{N}-]+(?:"
                            + DOT
                            + "[\\p{L}\\p{N}-]+)*"
                            + DOT
                            + TLD
                            + "(?![\\p{L}\\p{N}])");

    /** A spelled separator, or a plain " at " after an address-like word ("j.smith at ..."). */
    static boolean mayHoldSpelledEmail(String lower) {
        if (lower.contains(" dot ")
                || lower.contains("(dot)")
                || lower.contains("[dot]")
                || lower.contains("(at)")
                || lower.contains("[at]")) {
            return true;
        }
        for (int at = lower.indexOf(" at "); at > 0; at = lower.indexOf(" at ", at + 1)) {
            for (int i = at - 1; i >= 0 && !Character.isWhitespace(lower.charAt(i)); i--) {
                char c = lower.charAt(i);
                if (c == '.' || c == '_' || (c >= '0' && c <= '9')) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * "john dot smith at gmail dot com": a spelled separator, or an address-like name before a
     * plain "at" ("j.smith at gmail.com"), tells an e-mail address from "look at example.com".
     */
    static void spelledEmails(String text, Findings found) {
        Matcher m = SPELLED_EMAIL.matcher(text);
        while (m.find()) {
            String lower = m.group().toLowerCase(Locale.ROOT);
            boolean spelled =
                    lower.contains(" dot ")
                            || lower.contains("(dot)")
                            || lower.contains("[dot]")
                            || lower.contains("(at)")
                            || lower.contains("[at]");
            String name = lower.substring(0, lower.indexOf(" at ") < 0 ? 0 : lower.indexOf(" at "));
            boolean addressLikeName =
                    name.chars().anyMatch(c -> c == '.' || c == '_' || Character.isDigit(c));
            if (spelled || addressLikeName) {
                found.add(m.start(), m.end(), PiiKind.EMAIL);
            }
        }
    }
}
