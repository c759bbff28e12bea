package dev.switchboard.models.privacy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in text with typed placeholders ({@code [CARD]}, {@code [EMAIL]}, ..., see
 * {@link PiiKind}) before any text leaves the job. Rules, not a model; each kind is measured on a
 * labelled set of customer messages (docs/privacy.md).
 *
 * <ul>
 *   <li>Cards that pass Luhn, in any grouping, with the expiry and security code next to them
 *       ({@link PaymentCards}); expiries and codes after their names anywhere.
 *   <li>IBANs that pass mod-97, grouped by spaces or dashes.
 *   <li>E-mail addresses, Unicode ones and spelled-out ones ("john dot smith at gmail dot com";
 *       {@link Emails}).
 *   <li>National ids: the built-in {@link NationalIdRule}s a deployment keeps on, plus its own
 *       patterns.
 *   <li>Passport numbers and dates of birth after the words that name them, in several languages
 *       ({@link PersonalDetails}).
 *   <li>Street addresses (English, French, Spanish, Italian, Portuguese, German and Dutch shapes,
 *       in any case) and postcodes (UK, Canada, US ZIP+4 and after a state, EU formats after their
 *       name, or before a town right after an address; {@link Addresses}).
 *   <li>Phone numbers: international, national with a trunk zero, North American, and any digits
 *       after a phone word; not digits after an order, booking or ticket word ({@link Phones}).
 *   <li>Names after a title or an introduction ("my name is", "me llamo", "this is ... from"),
 *       Unicode-aware (José García, McDonald, O'Connor, van der Berg; {@link Names}).
 * </ul>
 *
 * Detectors run on the original text from the most specific kind to the least, and a finding that
 * overlaps an earlier one is dropped. Immutable and thread-safe.
 */
public final class Redactor implements Serializable {
    private static final long serialVersionUID = 2L;

    // --- IBAN
    private static final Pattern IBAN =
            Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]){11,30}");

    // --- addresses and postcodes
    // --- names
    private final List<Pattern> nationalIdPatterns;
    private final EnumSet<NationalIdRule> nationalIdRules;

    /** Every built-in national-id rule, plus {@code nationalIdPatterns}. */
    public Redactor(List<String> nationalIdPatterns) {
        this(nationalIdPatterns, EnumSet.allOf(NationalIdRule.class));
    }

    /**
     * @param nationalIdPatterns a deployment's own national-id patterns (the whole match is the id)
     * @param nationalIdRules the built-in rules to apply
     */
    public Redactor(List<String> nationalIdPatterns, Set<NationalIdRule> nationalIdRules) {
        this.nationalIdPatterns = new ArrayList<>();
        for (String p : nationalIdPatterns) {
            this.nationalIdPatterns.add(Pattern.compile(p));
        }
        this.nationalIdRules =
                nationalIdRules.isEmpty()
                        ? EnumSet.noneOf(NationalIdRule.class)
                        : EnumSet.copyOf(nationalIdRules);
    }

    public static Redactor defaults() {
        return new Redactor(List.of());
    }

    /** {@code text} with every finding replaced by its placeholder; the same string if none. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Finding> found = find(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        int last = 0;
        for (Finding f : found) {
            b.append(text, last, f.start()).append(f.kind().placeholder());
            last = f.end();
        }
        return b.append(text, last, text.length()).toString();
    }

    /**
     * The start of {@code text}, redacted, in at most {@code maxChars} characters and an ellipsis
     * when cut: redacted before it is cut (a value cut in half has lost the shape the redactor
     * knows it by: "4111 1111 11..." is no card), and cut between whole characters and placeholders
     * only. The text should run some way past {@code maxChars}, so that a value across the cut is
     * seen whole; what lies past the cut never reaches the excerpt, however placeholders shorten
     * it.
     */
    public String excerpt(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), maxChars) + 2);
        int at = 0;
        for (Finding f : find(text)) {
            // Past the cut in the original text: placeholders shorten the text before it, and what
            // lies beyond was only there as the redactor's context.
            if (f.start() >= maxChars
                    || !appendCut(b, text, at, f.start(), maxChars)
                    || b.length() + f.kind().placeholder().length() > maxChars) {
                return b.append('\u2026').toString();
            }
            b.append(f.kind().placeholder());
            at = f.end();
        }
        return appendCut(b, text, at, text.length(), maxChars)
                ? b.toString()
                : b.append('\u2026').toString();
    }

    /**
     * Appends text[from, to) while it fits in {@code maxChars} of output and lies before {@code
     * maxChars} in the original; false when it had to cut.
     */
    private static boolean appendCut(StringBuilder b, String text, int from, int to, int maxChars) {
        int end = Math.min(to, Math.min(maxChars, from + Math.max(0, maxChars - b.length())));
        if (end >= to) {
            b.append(text, from, to);
            return true;
        }
        end = Math.max(from, end);
        if (end > from && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        b.append(text, from, end);
        return false;
    }

    /** The personal data in {@code text}, in text order, none overlapping. */
    public List<Finding> find(String text) {
        Findings found = new Findings();
        // Cheap tests first: most messages hold no personal data, and a detector whose digits or
        // cue words are absent is not run at all.
        int digits = Scan.digits(text);
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.indexOf('@') >= 0) {
            Scan.addAll(text, Emails.EMAIL, 0, PiiKind.EMAIL, found);
        }
        if (Emails.mayHoldSpelledEmail(lower)) {
            Emails.spelledEmails(text, found);
        }
        if (digits >= 8) {
            ibans(text, found);
        }
        if (digits >= 3) {
            PaymentCards.find(text, lower, digits, found);
        }
        if (digits >= 6) {
            for (NationalIdRule rule : nationalIdRules) {
                for (Pattern p : rule.patterns()) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        if (rule.valid(m.group(1))) {
                            found.add(m.start(1), m.end(1), PiiKind.NATIONAL_ID);
                        }
                    }
                }
            }
        }
        for (Pattern p : nationalIdPatterns) {
            Scan.addAll(text, p, 0, PiiKind.NATIONAL_ID, found);
        }
        if (digits > 0) {
            if (lower.contains("pas")) {
                PersonalDetails.passports(text, found);
            }
            if (digits >= 2 && Scan.containsAny(lower, PersonalDetails.BIRTH_CUES)) {
                Scan.addAll(text, PersonalDetails.DATE_OF_BIRTH, 1, PiiKind.DATE_OF_BIRTH, found);
            }
            int[] runs = Scan.runStarts(text);
            Addresses.addresses(text, lower, runs, found);
            Addresses.postcodes(text, lower, digits, runs, found);
            if (digits >= 7) {
                Phones.phones(text, lower, runs, found);
            }
        }
        Names.names(text, lower, found);
        return found.sorted();
    }

    /** IBANs: the longest prefix of the greedy match, cut at a separator, that passes mod-97. */
    private static void ibans(String text, Findings found) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            for (int e = m.end(); e > m.start() + 4; e = lastSeparator(text, m.start(), e)) {
                if (ibanChecksum(text.substring(m.start(), e))
                        && (e == text.length() || !Character.isLetterOrDigit(text.charAt(e)))) {
                    found.add(m.start(), e, PiiKind.IBAN);
                    break;
                }
            }
        }
    }

    private static int lastSeparator(String text, int start, int end) {
        for (int i = end - 1; i > start; i--) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                return i;
            }
        }
        return start;
    }

    static boolean luhn(String candidate) {
        return PaymentCards.luhn(candidate);
    }

    static boolean ibanChecksum(String candidate) {
        StringBuilder b = new StringBuilder(34);
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c != ' ' && c != '-') {
                b.append(Character.toUpperCase(c));
            }
        }
        String iban = b.toString();
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                value = c - 'A' + 10;
            } else {
                return false;
            }
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
