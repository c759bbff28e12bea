package dev.switchboard.models.privacy;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Built-in national identity numbers, each a shape and, where the format has one, its check: a
 * shape alone would take order numbers for ids. Numbers without a check or a distinctive shape (a
 * bare nine-digit SSN, a Dutch BSN) count only after a word that names them. Group 1 of each
 * pattern is the id. All are on by default; a deployment turns rules off with {@code
 * --national-id-rules}.
 */
public enum NationalIdRule {
    /** US Social Security number: 078-05-1120, 078 05 1120; nine bare digits after "SSN". */
    US_SSN(
            m -> true,
            "(?<![\\d-])((?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\2(?!0000)\\d{4})(?![\\d-])",
            "(?i:\\b(?:ssn|social security(?: number| no\\.?)?)\\b)\\s*(?:is|:|#)?\\s*((?!000|666|9\\d\\d)\\d{9})\\b"),
    /**
     * UK National Insurance number: AB 12 34 56 C, with the prefixes HMRC never issues excluded.
     */
    UK_NINO(
            m -> true,
            "(?i)\\b((?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D])\\b"),
    /** Spanish DNI (12345678Z) and NIE (X1234567L), with their check letter. */
    ES_DNI(NationalIdRule::spanishCheckLetter, "(?i)\\b((?:\\d{8}|[XYZ][ -]?\\d{7})[ -]?[A-Z])\\b"),
    /** Italian codice fiscale (RSSMRA85T10A562S), with its check character. */
    IT_CODICE_FISCALE(
            NationalIdRule::codiceFiscaleCheck,
            "(?i)\\b([A-Z]{6}\\d{2}[A-EHLMPRST]\\d{2}[A-Z]\\d{3}[A-Z])\\b"),
    /** French NIR (numéro de sécurité sociale), 13 digits and a two-digit key, spaced or not. */
    FR_NIR(
            NationalIdRule::nirKey,
            "\\b([12] ?\\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\\d) ?(?:\\d{2}|2[ABab]) ?\\d{3} ?\\d{3} ?\\d{2})\\b"),
    /** Dutch BSN after its name (nine digits that pass the eleven-test). */
    NL_BSN(
            NationalIdRule::elevenTest,
            "(?i:\\b(?:bsn|burgerservicenummer|sofinummer)\\b)\\D{0,12}?\\b(\\d{9})\\b");

    private final Pattern[] patterns;
    private final Predicate<String> check;

    NationalIdRule(Predicate<String> check, String... regexes) {
        this.patterns =
                java.util.Arrays.stream(regexes).map(Pattern::compile).toArray(Pattern[]::new);
        this.check = check;
    }

    /** The rule's name as options spell it: {@code us-ssn}, {@code uk-nino}, ... */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The rule named {@code name} as options spell it. */
    public static NationalIdRule byOptionName(String name) {
        for (NationalIdRule r : values()) {
            if (r.optionName().equalsIgnoreCase(name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown national id rule '"
                        + name
                        + "'; known: "
                        + java.util.Arrays.stream(values())
                                .map(NationalIdRule::optionName)
                                .toList());
    }

    /** The rule's shapes; group 1 of each is the id. */
    Pattern[] patterns() {
        return patterns;
    }

    boolean valid(String id) {
        return check.test(id);
    }

    private static String compact(String id) {
        StringBuilder b = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c != ' ' && c != '-') {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }

    static boolean spanishCheckLetter(String id) {
        String s = compact(id);
        String digits =
                switch (s.charAt(0)) {
                    case 'X' -> "0" + s.substring(1, 8);
                    case 'Y' -> "1" + s.substring(1, 8);
                    case 'Z' -> "2" + s.substring(1, 8);
                    default -> s.substring(0, 8);
                };
        return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(digits) % 23)
                == s.charAt(s.length() - 1);
    }

    private static final int[] CF_ODD = {
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
    };

    static boolean codiceFiscaleCheck(String id) {
        String s = compact(id);
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = s.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? CF_ODD[v] : v;
        }
        return s.charAt(15) == (char) ('A' + sum % 26);
    }

    static boolean nirKey(String id) {
        String s = compact(id);
        // Corsica's departments 2A and 2B count as 19 and 18.
        String digits = s.substring(0, 13).replace("2A", "19").replace("2B", "18");
        long number = Long.parseLong(digits);
        return 97 - number % 97 == Integer.parseInt(s.substring(13));
    }

    static boolean elevenTest(String id) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (id.charAt(i) - '0');
        }
        sum -= id.charAt(8) - '0';
        return sum % 11 == 0;
    }
}
