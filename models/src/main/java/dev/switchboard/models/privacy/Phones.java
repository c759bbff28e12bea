package dev.switchboard.models.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Phone numbers: international, national, North American, and digits after a phone word. */
final class Phones {
    private Phones() {}

    static final Pattern PHONE =
            Pattern.compile(
                    "(?<![\\w+])(?<!\\d[ .-])(?:"
                            // international: + or 00, country code, then groups
                            + "(?:\\+|00)\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}"
                            // North American: (415) 555-0132, 415-555-0132, 415.555.0132, 415 555
                            // 0132, 4155550132
                            + "|(?:1[ .-])?\\(?[2-9]\\d{2}\\)?[ .-]?[2-9]\\d{2}[ .-]?\\d{4}"
                            // national with a trunk zero: 020 7946 0958, 06 12 34 56 78,
                            // 07700900123
                            + "|0\\d{1,4}(?:[ .-]\\d{2,8}){1,4}|0\\d{9,10}|\\(0\\d{1,4}\\) ?\\d{3,4}[ .-]?\\d{3,4}"
                            // not the middle or end of a longer run of digit groups
                            + ")(?![\\w])(?![ .-]\\d)");

    /** Digits after a phone word, in any grouping: mi móvil es 612 345 678. */
    static final Pattern CUED_PHONE =
            Pattern.compile(
                    "(?i)\\b(?:phone|tel|telephone|mobile|cell|my number|call me (?:on|at)|call back on|reach me (?:on|at)|text me|whatsapp"
                            + "|m\u00f3vil|movil|tel\u00e9fono|telefono|portable|handy|nummer|cellulare|telem\u00f3vel)\\b\\.?"
                            + "(?:\\s+(?:is|es|est|ist|\u00e8|number|no\\.?|nr\\.?))*\\s*[:#]?\\s*(\\+?\\d[\\d .()-]{5,18}\\d)(?![\\w])");

    /** 03.04.2025: a date, not a phone number with dots. */
    static final Pattern DATE_SHAPE = Pattern.compile("\\d{1,2}([./-])\\d{1,2}\\1(?:19|20)\\d{2}");

    /** Words that make the digits after them an identifier rather than a phone number. */
    static final Pattern ID_CUE =
            Pattern.compile(
                    "(?i)\\b(?:order|booking|ref|reference|ticket|tracking|invoice|account|tag|receipt|transaction|confirmation|case|item|serial|voucher"
                            + "|policy|member|membership|loyalty|customer|pnr|locator|pedido|commande|bestellung|ordine)\\b[^\\p{L}]{0,4}(?:\\p{L}+[^\\p{L}]{0,4}){0,2}$");

    static final String[] PHONE_CUES = {
        "phone",
        "tel",
        "mobile",
        "cell",
        "number",
        "call",
        "reach",
        "text me",
        "whatsapp",
        "m\u00f3vil",
        "movil",
        "portable",
        "handy",
        "nummer",
        "cellulare"
    };

    static void phones(String text, String lower, int[] runs, Findings found) {
        if (Scan.containsAny(lower, PHONE_CUES)) {
            Matcher cued = CUED_PHONE.matcher(text);
            while (cued.find()) {
                if (phoneDigits(cued.group(1))) {
                    found.add(cued.start(1), cued.end(1), PiiKind.PHONE);
                }
            }
        }
        Matcher m = Scan.anchored(PHONE, text);
        for (int run : runs) {
            // A phone number begins with its digits, or with the + or ( just before them.
            int start =
                    run > 0 && (text.charAt(run - 1) == '+' || text.charAt(run - 1) == '(')
                            ? run - 1
                            : run;
            m.reset();
            if (!Scan.matchAt(m, start)) {
                continue;
            }
            if (phoneDigits(m.group())
                    && !DATE_SHAPE.matcher(m.group()).matches()
                    && !ID_CUE.matcher(text.substring(Math.max(0, m.start() - 30), m.start()))
                            .find()) {
                found.add(m.start(), m.end(), PiiKind.PHONE);
            }
        }
    }

    static boolean phoneDigits(String s) {
        int n = Scan.digits(s);
        return n >= 7 && n <= 15;
    }
}
