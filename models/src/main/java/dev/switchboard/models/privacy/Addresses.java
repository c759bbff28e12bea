package dev.switchboard.models.privacy;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses (English, Romance and Germanic shapes, any case) and postcodes (UK, Canada, US,
 * EU formats after their name or before a town).
 */
final class Addresses {
    private Addresses() {}

    static final String WORD = "[\\p{L}\\p{M}][\\p{L}\\p{M}'\u2019.-]*";
    static final String STREET_TYPES =
            "street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|close|square|sq|highway|hwy|parkway|pkwy"
                    + "|loop|crescent|cres|row|walk|mews|gardens|grove|hill";

    /** English (and house-number-first) addresses: 221B Baker Street, 12 Elm St., Apt 4. */
    static final Pattern ADDRESS_EN =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?,?((?:\\s+(?:\\d+(?:st|nd|rd|th)|"
                            + WORD
                            + ")){1,4}?)\\s+(?i:("
                            + STREET_TYPES
                            + "))\\b\\.?"
                            + "(?:\\s+(?:N|S|E|W|NE|NW|SE|SW)\\b)?"
                            + "(?:,?\\s*(?i:apt|apartment|suite|unit|flat)\\.?\\s*#?\\w+)?");

    /**
     * A street type that is an everyday word: only after capitalised names (Oak Lane, Abbey Road).
     */
    static final Set<String> AMBIGUOUS_TYPES =
            Set.of(
                    "way", "place", "pl", "close", "court", "ct", "drive", "dr", "square", "sq",
                    "row", "walk", "hill", "loop", "terrace", "gardens", "grove", "lane", "ln",
                    "st");

    static final Set<String> NOT_IN_STREET_NAMES =
            Set.of(
                    "the",
                    "a",
                    "an",
                    "of",
                    "on",
                    "in",
                    "to",
                    "down",
                    "up",
                    "at",
                    "for",
                    "and",
                    "or",
                    "my",
                    "your",
                    "our",
                    "this",
                    "that",
                    "these",
                    "those",
                    "miles",
                    "mile",
                    "km",
                    "minutes",
                    "minute",
                    "hours",
                    "hour",
                    "times",
                    "days",
                    "weeks",
                    "years",
                    "is",
                    "was",
                    "are",
                    "were",
                    "from",
                    "by",
                    "with",
                    "more",
                    "other",
                    "same",
                    "different",
                    "way",
                    "road",
                    "street",
                    "lane",
                    "drive",
                    "place");

    /** Type first: 10 rue de Rivoli, 32 avenue des Champs-Élysées, 12 Rua Augusta. */
    static final Pattern ADDRESS_ROMANCE_NUMBER_FIRST =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}])\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:(?i:rue|avenue|av\\.|boulevard|bd|chemin|all\u00e9e|impasse|quai|route)\\s+(?:(?i:de la|de|du|des|d')\\s*)?"
                            + WORD
                            + "|(?:Rua|Calle|Via|Avenida)\\s+\\p{Lu}[\\p{L}\\p{M}'-]*)(?:\\s+\\p{Lu}[\\p{L}\\p{M}'-]*){0,3}");

    /** Type first, number last: Calle Mayor 5, calle de Alcalá 42, Via Roma 15, Rua Augusta 100. */
    static final Pattern ADDRESS_ROMANCE_NUMBER_LAST =
            Pattern.compile(
                    "(?:\\b(?i:calle|avenida|avda|paseo|plaza|rua|travessa|pra\u00e7a)\\b\\.?\\s+|\\bC/\\s*|\\b(?:Via|Viale|Piazza|Corso|Largo)\\s+)"
                            + "(?:(?i:de la|del|de|da|do|dos|das|di|della)\\s+)?"
                            + WORD
                            + "(?:\\s+"
                            + WORD
                            + "){0,3}?,?\\s+\\d{1,5}[A-Za-z]?\\b");

    /** German and Dutch: Hauptstraße 12, Musterstr. 5, Kalverstraat 92, Königsallee 8. */
    static final Pattern ADDRESS_GERMANIC =
            Pattern.compile(
                    "\\b\\p{Lu}[\\p{L}\\p{M}]*(?:stra\u00dfe|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|straat|gracht|laan|plein|steeg|kade|vej|gatan|gata|veien)"
                            + "\\s+\\d{1,4}[a-zA-Z]?\\b"
                            + "|\\b\\p{Lu}[\\p{L}\\p{M}]+\\s+(?:Stra\u00dfe|Strasse|Str\\.|Weg|Allee|Platz|Gasse)\\s+\\d{1,4}[a-zA-Z]?\\b");

    static final String UK_POSTCODE = "(?:[A-Z]{1,2}\\d[A-Z\\d]?|GIR) ?\\d[ABD-HJLNP-UW-Z]{2}";

    /**
     * Postcodes whose shape is distinctive enough alone: UK, Canada, US ZIP+4, ZIP after a state.
     */
    static final Pattern POSTCODE =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}])("
                            + UK_POSTCODE
                            + "|[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d|\\d{5}-\\d{4})(?![\\p{L}\\p{N}])");

    static final Pattern STATE_ZIP =
            Pattern.compile(
                    "\\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)"
                            + ",?\\s+(\\d{5}(?:-\\d{4})?)(?!\\d)");
    static final String EU_POSTCODE = "\\d{5}|\\d{4} ?[A-Z]{2}|\\d{4}-\\d{3}|\\d{2}-\\d{3}|\\d{4}";

    /** Any common format after the word for a postcode. */
    static final Pattern CUED_POSTCODE =
            Pattern.compile(
                    "(?i)\\b(?:zip(?: ?code)?|post ?code|postal code|plz|code postal|cp|c\\.p\\.|cap|c\u00f3digo postal|codice postale|postnummer|eircode)\\b\\.?"
                            + "\\s*(?:is|es|ist|\u00e8|:)?\\s*:?\\s*((?-i:"
                            + UK_POSTCODE
                            + ")|(?:[ac-fhknprtv-y]\\d{2}|d6w) ?[0-9ac-fhknprtv-y]{4}|[a-z]{1,2}\\d[a-z\\d]? ?\\d[a-z]{2}|[a-z]\\d[a-z] ?\\d[a-z]\\d|\\d{5}(?:-\\d{4})?|"
                            + EU_POSTCODE
                            + ")(?![\\p{L}\\p{N}])");

    /**
     * An EU code before a capitalised town, at the start, after a comma or right after an address.
     */
    static final Pattern TOWN_POSTCODE =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}-])(\\d{5}|\\d{4} ?[A-Z]{2}|\\d{4}-\\d{3}|\\d{2}-\\d{3})\\s+\\p{Lu}\\p{Ll}+");

    static final String[] POSTCODE_CUES = {
        "zip", "post", "plz", "cp", "c.p.", "cap", "c\u00f3digo", "codice", "eircode"
    };
    static final String[] ROMANCE_STREETS = {
        "rue",
        "avenue",
        "av.",
        "boulevard",
        "bd",
        "chemin",
        "all\u00e9e",
        "impasse",
        "quai",
        "route",
        "rua",
        "calle",
        "via",
        "avenida",
        "avda",
        "paseo",
        "plaza",
        "travessa",
        "pra\u00e7a",
        "c/",
        "viale",
        "piazza",
        "corso",
        "largo"
    };
    static final String[] GERMANIC_STREETS = {
        "stra\u00dfe",
        "strasse",
        "str.",
        "weg",
        "gasse",
        "platz",
        "allee",
        "ring",
        "damm",
        "ufer",
        "straat",
        "gracht",
        "laan",
        "plein",
        "steeg",
        "kade",
        "vej",
        "gata",
        "veien"
    };

    static void addresses(String text, String lower, int[] runs, Findings found) {
        Matcher m = Scan.anchored(ADDRESS_EN, text);
        for (int start : runs) {
            m.reset();
            if (Scan.matchAt(m, start) && plausibleStreet(m.group(1), m.group(2))) {
                found.add(m.start(), m.end(), PiiKind.ADDRESS);
            }
        }
        if (Scan.containsAny(lower, ROMANCE_STREETS)) {
            Matcher first = Scan.anchored(ADDRESS_ROMANCE_NUMBER_FIRST, text);
            for (int start : runs) {
                first.reset();
                if (Scan.matchAt(first, start)) {
                    found.add(first.start(), first.end(), PiiKind.ADDRESS);
                }
            }
            Scan.addAll(text, ADDRESS_ROMANCE_NUMBER_LAST, 0, PiiKind.ADDRESS, found);
        }
        if (Scan.containsAny(lower, GERMANIC_STREETS)) {
            Scan.addAll(text, ADDRESS_GERMANIC, 0, PiiKind.ADDRESS, found);
        }
    }

    /**
     * The words between a house number and a street type name a street: none is a function word or
     * a unit ("20 miles down the road"), and an everyday type ("way", "close") follows capitalised
     * names only.
     */
    static boolean plausibleStreet(String words, String type) {
        boolean capitalised = true;
        for (String w : words.trim().split("\\s+")) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (NOT_IN_STREET_NAMES.contains(lower)) {
                return false;
            }
            capitalised &= Character.isUpperCase(w.charAt(0)) || Character.isDigit(w.charAt(0));
        }
        return capitalised || !AMBIGUOUS_TYPES.contains(type.toLowerCase(Locale.ROOT));
    }

    static void postcodes(String text, String lower, int digits, int[] runs, Findings found) {
        Scan.addAll(text, POSTCODE, 1, PiiKind.POSTCODE, found);
        if (digits >= 5) {
            // "CA 94105": the state code sits just before the digits; look only there.
            Matcher zip = Scan.anchored(STATE_ZIP, text);
            for (int start : runs) {
                zip.region(Math.max(0, start - 4), Math.min(text.length(), start + 10));
                if (zip.find()) {
                    found.add(zip.start(1), zip.end(1), PiiKind.POSTCODE);
                }
            }
        }
        if (Scan.containsAny(lower, POSTCODE_CUES)) {
            Scan.addAll(text, CUED_POSTCODE, 1, PiiKind.POSTCODE, found);
        }
        if (digits < 4) {
            return;
        }
        Matcher town = Scan.anchored(TOWN_POSTCODE, text);
        for (int start : runs) {
            town.reset();
            if (!Scan.matchAt(town, start)) {
                continue;
            }
            int before = town.start(1) - 1;
            while (before >= 0 && text.charAt(before) == ' ') {
                before--;
            }
            if (before < 0
                    || text.charAt(before) == ','
                    || found.endsJustBefore(town.start(1), 2, PiiKind.ADDRESS)) {
                found.add(town.start(1), town.end(1), PiiKind.POSTCODE);
            }
        }
    }
}
