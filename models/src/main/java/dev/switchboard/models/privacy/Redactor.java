package dev.switchboard.models.privacy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in text with typed placeholders ({@code [CARD]}, {@code [IBAN]},
 * {@code [EMAIL]}, {@code [PHONE]}, {@code [NATIONAL_ID]}) before any text leaves the job.
 *
 * <ul>
 *   <li>Payment cards: 13 to 19 digits, in groups separated by spaces or dashes, that pass the Luhn
 *       check (so order numbers of the same length are left alone).
 *   <li>IBANs: country code, check digits and 11 to 30 letters or digits, optionally in groups of
 *       four, that pass the ISO 7064 mod-97 check.
 *   <li>E-mail addresses.
 *   <li>Phone numbers: international ({@code +44 20 7946 0958}, {@code 0044 ...}) and common
 *       national forms ({@code (415) 555-0132}, {@code 415-555-0132}, {@code 020 7946 0958}); a run
 *       of digits without a plus, a leading zero, brackets or separators is not taken for a phone.
 *   <li>National ids: patterns configured per deployment or tenant (for example a US SSN,
 *       {@code \b\d{3}-\d{2}-\d{4}\b}).
 *   <li>Street addresses: a house number, one to four capitalised words and a street type
 *       ({@code 221B Baker Street}, {@code 1600 Pennsylvania Avenue NW}, {@code 12 Elm St., Apt 4}).
 *   <li>Names where the text says it is one: after a title ({@code Mrs Jane Doe}, {@code Dr. Patel}),
 *       after "my name is" / "name:", and in "this is Sarah from ..." introductions.
 * </ul>
 *
 * Rules, not a model: a name mentioned without such a cue ("John said ...") and an address written
 * in lower case are not found. CoreNLP's NER finds more names but costs milliseconds per message
 * (docs/performance.md). Immutable and thread-safe; cards, IBANs, e-mails and national ids are
 * replaced before phones are looked for, so a card number or an id is never also taken for a phone,
 * and addresses before phones, so a house number is not taken for part of one.
 */
public final class Redactor implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern IBAN =
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL =
            Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,24}\\b");
    private static final Pattern PHONE =
            Pattern.compile(
                    "(?<![\\w+])(?:"
                            // international: + or 00, country code, then 6 to 14 more digits in groups
                            + "(?:\\+|00)\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}"
                            // North American: (415) 555-0132, 415-555-0132, 415.555.0132
                            + "|\\(\\d{3}\\) ?\\d{3}[ .-]\\d{4}"
                            + "|\\d{3}[.-]\\d{3}[.-]\\d{4}"
                            // national with a trunk zero: 020 7946 0958, 06 12 34 56 78, 0151-12345678
                            + "|0\\d{1,4}(?:[ .-]\\d{2,8}){1,4}"
                            + ")(?![\\w])");

    private static final String CAPITALISED = "(?:\\d+(?:st|nd|rd|th)|[A-Z][A-Za-z'-]+)";
    private static final Pattern ADDRESS =
            Pattern.compile(
                    "\\b\\d{1,5}[A-Za-z]?,?(?:\\s+" + CAPITALISED + "){1,4}\\s+"
                            + "(?i:street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|close|square|sq|highway|hwy|parkway|pkwy)\\b\\.?"
                            + "(?:\\s+(?:N|S|E|W|NE|NW|SE|SW)\\b)?"
                            + "(?:,?\\s*(?i:apt|apartment|suite|unit|flat)\\.?\\s*#?\\w+)?");
    private static final String NAME_WORDS = "[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:\\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?){0,2}";
    /** A title and the name after it: the whole is replaced. */
    private static final Pattern TITLED_NAME = Pattern.compile("\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?\\s+" + NAME_WORDS);
    /** A cue and the name after it: group 1, the name, is replaced and the cue kept. */
    private static final Pattern INTRODUCED_NAME =
            Pattern.compile("(?:\\b(?i:my name is|my name's|name:)\\s*|\\b(?i:this is)\\s+(?=" + NAME_WORDS + "\\s+(?i:from|at|with|speaking|here)\\b))(" + NAME_WORDS + ")");

    private final List<Pattern> nationalIds;

    public Redactor(List<String> nationalIdPatterns) {
        this.nationalIds = new ArrayList<>();
        for (String p : nationalIdPatterns) {
            nationalIds.add(Pattern.compile(p));
        }
    }

    public static Redactor defaults() {
        return new Redactor(List.of());
    }

    /** {@code text} with every finding replaced by its placeholder; the same string if none. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(text, CARD, PiiKind.CARD, true);
        out = replace(out, IBAN, PiiKind.IBAN, true);
        out = replace(out, EMAIL, PiiKind.EMAIL, false);
        // Configured ids before phones: they are the more specific patterns (an SSN looks like a
        // national phone number to the phone pattern).
        for (Pattern p : nationalIds) {
            out = replace(out, p, PiiKind.NATIONAL_ID, false);
        }
        out = replace(out, ADDRESS, PiiKind.ADDRESS, true);
        out = replace(out, PHONE, PiiKind.PHONE, true);
        out = replace(out, TITLED_NAME, PiiKind.NAME, false);
        return replaceGroup(out, INTRODUCED_NAME, PiiKind.NAME);
    }

    /** Replaces group 1 of each match, keeping the rest of the match (the cue) as it was. */
    private static String replaceGroup(String text, Pattern pattern, PiiKind kind) {
        Matcher m = pattern.matcher(text);
        StringBuilder b = null;
        int last = 0;
        while (m.find()) {
            if (b == null) {
                b = new StringBuilder(text.length());
            }
            b.append(text, last, m.start(1)).append(kind.placeholder());
            last = m.end(1);
        }
        return b == null ? text : b.append(text, last, text.length()).toString();
    }

    private static String replace(String text, Pattern pattern, PiiKind kind, boolean needsDigit) {
        if (needsDigit && !hasDigit(text)) {
            return text; // the cheap check that spares most messages the regex
        }
        Matcher m = pattern.matcher(text);
        StringBuilder b = null;
        int last = 0;
        while (m.find()) {
            int end = kind == PiiKind.IBAN ? validIbanEnd(text, m.start(), m.end()) : accept(kind, m.group()) ? m.end() : -1;
            if (end < 0) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length());
            }
            b.append(text, last, m.start()).append(kind.placeholder());
            last = end;
        }
        if (b == null) {
            return text;
        }
        return b.append(text, last, text.length()).toString();
    }

    private static boolean accept(PiiKind kind, String found) {
        return switch (kind) {
            case CARD -> luhn(found);
            case PHONE -> digits(found) >= 7 && digits(found) <= 15;
            default -> true;
        };
    }

    /**
     * The end of the longest prefix of the match, cut at a space, that is a valid IBAN, or -1. The
     * pattern is greedy and may swallow a following word ("... 7654 32 asap").
     */
    private static int validIbanEnd(String text, int start, int end) {
        for (int e = end; e > start; e = text.lastIndexOf(' ', e - 1)) {
            if (ibanChecksum(text.substring(start, e))) {
                return e;
            }
        }
        return -1;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                n++;
            }
        }
        return n;
    }

    static boolean luhn(String candidate) {
        int sum = 0;
        boolean doubleIt = false;
        int count = 0;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
            count++;
        }
        return count >= 13 && count <= 19 && sum % 10 == 0;
    }

    static boolean ibanChecksum(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
