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
 *   <li>E-mail addresses, Unicode ones and spelled-out ones ("john dot smith at gmail dot com").
 *   <li>National ids: the built-in {@link NationalIdRule}s a deployment keeps on, plus its own
 *       patterns.
 *   <li>Passport numbers and dates of birth after the words that name them, in several languages.
 *   <li>Street addresses (English, French, Spanish, Italian, Portuguese, German and Dutch shapes,
 *       in any case) and postcodes (UK, Canada, US ZIP+4 and after a state, EU formats after their
 *       name, or before a town right after an address).
 *   <li>Phone numbers: international, national with a trunk zero, North American, and any digits
 *       after a phone word; not digits after an order, booking or ticket word.
 *   <li>Names after a title or an introduction ("my name is", "me llamo", "this is ... from"),
 *       Unicode-aware (José García, McDonald, O'Connor, van der Berg).
 * </ul>
 *
 * Detectors run on the original text from the most specific kind to the least, and a finding that
 * overlaps an earlier one is dropped. Immutable and thread-safe.
 */
public final class Redactor implements Serializable {
    private static final long serialVersionUID = 2L;

    // --- e-mail
    private static final Pattern EMAIL =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}._%+'-])[\\p{L}\\p{N}._%+'-]+@(?:[\\p{L}\\p{N}-]+\\.)+\\p{L}{2,24}(?![\\p{L}\\p{N}])");
    private static final String DOT = "(?:\\s*\\.\\s*|\\s+dot\\s+|\\s*[(\\[]dot[)\\]]\\s*)";
    private static final String AT = "(?:\\s+at\\s+|\\s*[(\\[]at[)\\]]\\s*)";
    private static final String TLD =
            "(?:com|org|net|edu|gov|info|biz|io|co|uk|de|fr|es|it|nl|be|pt|ie|ch|at|pl|se|no|dk|fi|eu|us|ca|au|nz|jp|cn|in|br|mx|ar|ru)";
    private static final Pattern SPELLED_EMAIL =
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

    // --- IBAN
    private static final Pattern IBAN =
            Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]){11,30}");

    // --- passports and dates of birth, after their cue
    private static final Pattern PASSPORT =
            Pattern.compile(
                    "(?i)\\b(?:passport|pasaporte|passeport|reisepass|passaporto|passaporte)(?:\\s+(?:number|no\\.?|num(?:ber|\u00e9ro)?|nr\\.?|n\u00ba))?"
                            + "(?:\\s+(?:is|es|est|ist|\u00e8))?\\s*[:#]?\\s*([A-Z0-9]{6,9})\\b");
    private static final String MONTH =
            "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
                    + "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
                    + "|janvier|f\u00e9vrier|mars|avril|mai|juin|juillet|ao\u00fbt|septembre|octobre|novembre|d\u00e9cembre"
                    + "|januar|februar|m\u00e4rz|juni|juli|oktober|dezember"
                    + "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)";
    private static final String DATE =
            "(?:(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th|er|\u00ba)?(?:\\s+of|\\s+de)?\\s+"
                    + MONTH
                    + "\\.?,?(?:\\s+de)?\\s+\\d{2,4}"
                    + "|"
                    + MONTH
                    + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
                    + "|\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})(?!\\d)"
                    + "|\\d{4}-\\d{2}-\\d{2})";
    private static final Pattern DATE_OF_BIRTH =
            Pattern.compile(
                    "(?i)(?:\\b(?:date of birth|birth ?date|birthday|born(?: on)?|fecha de nacimiento|nacid[oa] el|n\u00e9e? le|date de naissance"
                            + "|geboren am|geburtsdatum|nat[oa] il|data di nascita)|\\bd\\.?o\\.?b\\b\\.?)(?![\\p{L}])"
                            + "[\\s:,-]*(?:(?:is|was|es|ist)\\s+)?(?:on\\s+)?("
                            + DATE
                            + ")");

    // --- addresses and postcodes
    private static final String WORD = "[\\p{L}\\p{M}][\\p{L}\\p{M}'\u2019.-]*";
    private static final String STREET_TYPES =
            "street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|close|square|sq|highway|hwy|parkway|pkwy"
                    + "|loop|crescent|cres|row|walk|mews|gardens|grove|hill";

    /** English (and house-number-first) addresses: 221B Baker Street, 12 Elm St., Apt 4. */
    private static final Pattern ADDRESS_EN =
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
    private static final Set<String> AMBIGUOUS_TYPES =
            Set.of(
                    "way", "place", "pl", "close", "court", "ct", "drive", "dr", "square", "sq",
                    "row", "walk", "hill", "loop", "terrace", "gardens", "grove", "lane", "ln",
                    "st");

    private static final Set<String> NOT_IN_STREET_NAMES =
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
    private static final Pattern ADDRESS_ROMANCE_NUMBER_FIRST =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}])\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:(?i:rue|avenue|av\\.|boulevard|bd|chemin|all\u00e9e|impasse|quai|route)\\s+(?:(?i:de la|de|du|des|d')\\s*)?"
                            + WORD
                            + "|(?:Rua|Calle|Via|Avenida)\\s+\\p{Lu}[\\p{L}\\p{M}'-]*)(?:\\s+\\p{Lu}[\\p{L}\\p{M}'-]*){0,3}");

    /** Type first, number last: Calle Mayor 5, calle de Alcalá 42, Via Roma 15, Rua Augusta 100. */
    private static final Pattern ADDRESS_ROMANCE_NUMBER_LAST =
            Pattern.compile(
                    "(?:\\b(?i:calle|avenida|avda|paseo|plaza|rua|travessa|pra\u00e7a)\\b\\.?\\s+|\\bC/\\s*|\\b(?:Via|Viale|Piazza|Corso|Largo)\\s+)"
                            + "(?:(?i:de la|del|de|da|do|dos|das|di|della)\\s+)?"
                            + WORD
                            + "(?:\\s+"
                            + WORD
                            + "){0,3}?,?\\s+\\d{1,5}[A-Za-z]?\\b");

    /** German and Dutch: Hauptstraße 12, Musterstr. 5, Kalverstraat 92, Königsallee 8. */
    private static final Pattern ADDRESS_GERMANIC =
            Pattern.compile(
                    "\\b\\p{Lu}[\\p{L}\\p{M}]*(?:stra\u00dfe|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|straat|gracht|laan|plein|steeg|kade|vej|gatan|gata|veien)"
                            + "\\s+\\d{1,4}[a-zA-Z]?\\b"
                            + "|\\b\\p{Lu}[\\p{L}\\p{M}]+\\s+(?:Stra\u00dfe|Strasse|Str\\.|Weg|Allee|Platz|Gasse)\\s+\\d{1,4}[a-zA-Z]?\\b");

    private static final String UK_POSTCODE =
            "(?:[A-Z]{1,2}\\d[A-Z\\d]?|GIR) ?\\d[ABD-HJLNP-UW-Z]{2}";

    /**
     * Postcodes whose shape is distinctive enough alone: UK, Canada, US ZIP+4, ZIP after a state.
     */
    private static final Pattern POSTCODE =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}])("
                            + UK_POSTCODE
                            + "|[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d|\\d{5}-\\d{4})(?![\\p{L}\\p{N}])");

    private static final Pattern STATE_ZIP =
            Pattern.compile(
                    "\\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)"
                            + ",?\\s+(\\d{5}(?:-\\d{4})?)(?!\\d)");
    private static final String EU_POSTCODE =
            "\\d{5}|\\d{4} ?[A-Z]{2}|\\d{4}-\\d{3}|\\d{2}-\\d{3}|\\d{4}";

    /** Any common format after the word for a postcode. */
    private static final Pattern CUED_POSTCODE =
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
    private static final Pattern TOWN_POSTCODE =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}-])(\\d{5}|\\d{4} ?[A-Z]{2}|\\d{4}-\\d{3}|\\d{2}-\\d{3})\\s+\\p{Lu}\\p{Ll}+");

    // --- phones
    private static final Pattern PHONE =
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
    private static final Pattern CUED_PHONE =
            Pattern.compile(
                    "(?i)\\b(?:phone|tel|telephone|mobile|cell|my number|call me (?:on|at)|call back on|reach me (?:on|at)|text me|whatsapp"
                            + "|m\u00f3vil|movil|tel\u00e9fono|telefono|portable|handy|nummer|cellulare|telem\u00f3vel)\\b\\.?"
                            + "(?:\\s+(?:is|es|est|ist|\u00e8|number|no\\.?|nr\\.?))*\\s*[:#]?\\s*(\\+?\\d[\\d .()-]{5,18}\\d)(?![\\w])");

    /** 03.04.2025: a date, not a phone number with dots. */
    private static final Pattern DATE_SHAPE =
            Pattern.compile("\\d{1,2}([./-])\\d{1,2}\\1(?:19|20)\\d{2}");

    /** Words that make the digits after them an identifier rather than a phone number. */
    private static final Pattern ID_CUE =
            Pattern.compile(
                    "(?i)\\b(?:order|booking|ref|reference|ticket|tracking|invoice|account|tag|receipt|transaction|confirmation|case|item|serial|voucher"
                            + "|policy|member|membership|loyalty|customer|pnr|locator|pedido|commande|bestellung|ordine)\\b[^\\p{L}]{0,4}(?:\\p{L}+[^\\p{L}]{0,4}){0,2}$");

    // --- names
    private static final String NAME =
            "\\p{Lu}[\\p{Ll}\\p{M}]*(?:\\p{Lu}[\\p{Ll}\\p{M}]+)?(?:['\u2019-]\\p{Lu}?[\\p{Ll}\\p{M}]+)*";
    private static final String PARTICLE =
            "(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|ibn|al|el|dos|das|do|ter|ten|y|Van|Von|De|Da|Di|Du|La|Le|Del)";
    private static final String NAME_WORDS =
            NAME + "(?:\\s+(?:" + PARTICLE + "\\s+){0,2}" + NAME + "){0,3}";
    private static final Pattern TITLED_NAME =
            Pattern.compile(
                    "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sr|Sra|Srta|Se\u00f1or|Se\u00f1ora|Mme|Mlle|Madame|Monsieur|Herr|Frau|Sig|Sig\\.ra|Signor|Signora)\\.?\\s+("
                            + NAME_WORDS
                            + ")");

    /** Brands that begin with a title: not people. */
    private static final Set<String> TITLED_BRANDS =
            Set.of(
                    "martens",
                    "pepper",
                    "oetker",
                    "scholl",
                    "scholl's",
                    "men",
                    "muscle",
                    "clean",
                    "kipling",
                    "sheen",
                    "bean",
                    "whippy",
                    "potato",
                    "freeze",
                    "beast");

    /** Cues after which a name may be written in lower case. */
    private static final Pattern STRONG_NAME_CUE =
            Pattern.compile(
                    "(?i)\\b(?:my name is|my name's|my full name is|me llamo|mi nombre es|je m'appelle|je m\u2019appelle|ich hei(?:\u00df|ss)e|mein name ist|mi chiamo"
                            + "|il mio nome \u00e8|meu nome \u00e9|o meu nome \u00e9|chamo-me)\\s+");

    private static final String ANY_CASE_WORD = "[\\p{L}\\p{M}][\\p{L}\\p{M}'\u2019-]*";
    private static final Set<String> NOT_NAMES =
            Set.of(
                    "and",
                    "i",
                    "i'm",
                    "my",
                    "but",
                    "from",
                    "on",
                    "not",
                    "is",
                    "the",
                    "a",
                    "an",
                    "here",
                    "please",
                    "in",
                    "at",
                    "with",
                    "to",
                    "for",
                    "of",
                    "calling",
                    "writing",
                    "still",
                    "just",
                    "so",
                    "very",
                    "really",
                    "also",
                    "y",
                    "et",
                    "und",
                    "e",
                    "es",
                    "est",
                    "ist",
                    "wrong",
                    "correct",
                    "spelled",
                    "spelt",
                    "missing",
                    "different",
                    "there",
                    "that",
                    "this",
                    "what",
                    "it",
                    "was",
                    "as",
                    "under",
                    "no",
                    "none",
                    "unknown");
    private static final Pattern WEAK_NAME_CUE =
            Pattern.compile(
                    "(?:\\b(?i:name:|name is|in the name of|under the name(?: of)?)\\s*|\\b(?i:I'm|I\u2019m|I am)\\s+|\\b(?i:this is)\\s+(?="
                            + NAME_WORDS
                            + "\\s+(?i:from|at|with|speaking|here)\\b))("
                            + NAME_WORDS
                            + ")");
    private static final Set<String> NOT_INTRODUCTIONS =
            Set.of(
                    "sorry",
                    "not",
                    "so",
                    "very",
                    "really",
                    "still",
                    "just",
                    "here",
                    "done",
                    "fine",
                    "calling",
                    "writing",
                    "back",
                    "afraid",
                    "looking",
                    "trying",
                    "going",
                    "unable",
                    "able",
                    "happy",
                    "angry",
                    "upset",
                    "furious",
                    "disappointed",
                    "tired",
                    "sure",
                    "glad",
                    "interested",
                    "confused",
                    "new",
                    "waiting",
                    "stuck",
                    "having",
                    "getting",
                    "a",
                    "an",
                    "the",
                    "in",
                    "on",
                    "at",
                    "from",
                    "with",
                    "without",
                    "also",
                    "now",
                    "only",
                    "ok",
                    "okay",
                    "good",
                    "well");

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
        int digits = digits(text);
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.indexOf('@') >= 0) {
            addAll(text, EMAIL, 0, PiiKind.EMAIL, found);
        }
        if (mayHoldSpelledEmail(lower)) {
            spelledEmails(text, found);
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
            addAll(text, p, 0, PiiKind.NATIONAL_ID, found);
        }
        if (digits > 0) {
            if (lower.contains("pas")) {
                passports(text, found);
            }
            if (digits >= 2 && containsAny(lower, BIRTH_CUES)) {
                addAll(text, DATE_OF_BIRTH, 1, PiiKind.DATE_OF_BIRTH, found);
            }
            int[] runs = runStarts(text);
            addresses(text, lower, runs, found);
            postcodes(text, lower, digits, runs, found);
            if (digits >= 7) {
                phones(text, lower, runs, found);
            }
        }
        names(text, lower, found);
        return found.sorted();
    }

    private static final String[] BIRTH_CUES = {
        "birth",
        "born",
        "dob",
        "d.o.b",
        "nacimiento",
        "nacid",
        "n\u00e9",
        "naissance",
        "geboren",
        "geburt",
        "nato",
        "nata",
        "nascita"
    };
    private static final String[] POSTCODE_CUES = {
        "zip", "post", "plz", "cp", "c.p.", "cap", "c\u00f3digo", "codice", "eircode"
    };
    private static final String[] PHONE_CUES = {
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
    private static final String[] ROMANCE_STREETS = {
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
    private static final String[] GERMANIC_STREETS = {
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
    private static final String[] TITLES = {
        "Mr",
        "Ms",
        "Miss",
        "Mx",
        "Dr",
        "Prof",
        "Sr",
        "Se\u00f1",
        "Mme",
        "Mlle",
        "Madame",
        "Monsieur",
        "Herr",
        "Frau",
        "Sig"
    };
    private static final String[] STRONG_NAME_CUES = {
        "name", "llamo", "nombre", "appelle", "hei", "chiamo", "nome", "chamo"
    };
    private static final String[] WEAK_NAME_CUES = {"name", "i'm", "i\u2019m", "i am", "this is"};

    private static boolean containsAny(String text, String[] parts) {
        for (String part : parts) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** A spelled separator, or a plain " at " after an address-like word ("j.smith at ..."). */
    private static boolean mayHoldSpelledEmail(String lower) {
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
    private static void spelledEmails(String text, Findings found) {
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

    private static void addAll(
            String text, Pattern pattern, int group, PiiKind kind, Findings found) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.start(group), m.end(group), kind);
        }
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

    private static void passports(String text, Findings found) {
        Matcher m = PASSPORT.matcher(text);
        while (m.find()) {
            if (hasDigit(m.group(1))) {
                found.add(m.start(1), m.end(1), PiiKind.PASSPORT);
            }
        }
    }

    /**
     * Where runs of digits begin. The patterns that begin with a number (house numbers, phone
     * numbers, postcodes before a town) cannot begin anywhere else, by their look-behinds, so they
     * are tried at these positions only rather than at every character: most of a message is words.
     */
    private static int[] runStarts(String text) {
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A matcher of {@code pattern} that {@link #matchAt} positions: look-arounds see the whole
     * text, and the region's edges are not line edges.
     */
    private static Matcher anchored(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** Whether {@code m} matches starting exactly at {@code start} (the region runs to the end). */
    private static boolean matchAt(Matcher m, int start) {
        m.region(start, m.regionEnd());
        return m.lookingAt();
    }

    private static void addresses(String text, String lower, int[] runs, Findings found) {
        Matcher m = anchored(ADDRESS_EN, text);
        for (int start : runs) {
            m.reset();
            if (matchAt(m, start) && plausibleStreet(m.group(1), m.group(2))) {
                found.add(m.start(), m.end(), PiiKind.ADDRESS);
            }
        }
        if (containsAny(lower, ROMANCE_STREETS)) {
            Matcher first = anchored(ADDRESS_ROMANCE_NUMBER_FIRST, text);
            for (int start : runs) {
                first.reset();
                if (matchAt(first, start)) {
                    found.add(first.start(), first.end(), PiiKind.ADDRESS);
                }
            }
            addAll(text, ADDRESS_ROMANCE_NUMBER_LAST, 0, PiiKind.ADDRESS, found);
        }
        if (containsAny(lower, GERMANIC_STREETS)) {
            addAll(text, ADDRESS_GERMANIC, 0, PiiKind.ADDRESS, found);
        }
    }

    /**
     * The words between a house number and a street type name a street: none is a function word or
     * a unit ("20 miles down the road"), and an everyday type ("way", "close") follows capitalised
     * names only.
     */
    private static boolean plausibleStreet(String words, String type) {
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

    private static void postcodes(
            String text, String lower, int digits, int[] runs, Findings found) {
        addAll(text, POSTCODE, 1, PiiKind.POSTCODE, found);
        if (digits >= 5) {
            // "CA 94105": the state code sits just before the digits; look only there.
            Matcher zip = anchored(STATE_ZIP, text);
            for (int start : runs) {
                zip.region(Math.max(0, start - 4), Math.min(text.length(), start + 10));
                if (zip.find()) {
                    found.add(zip.start(1), zip.end(1), PiiKind.POSTCODE);
                }
            }
        }
        if (containsAny(lower, POSTCODE_CUES)) {
            addAll(text, CUED_POSTCODE, 1, PiiKind.POSTCODE, found);
        }
        if (digits < 4) {
            return;
        }
        Matcher town = anchored(TOWN_POSTCODE, text);
        for (int start : runs) {
            town.reset();
            if (!matchAt(town, start)) {
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

    private static void phones(String text, String lower, int[] runs, Findings found) {
        if (containsAny(lower, PHONE_CUES)) {
            Matcher cued = CUED_PHONE.matcher(text);
            while (cued.find()) {
                if (phoneDigits(cued.group(1))) {
                    found.add(cued.start(1), cued.end(1), PiiKind.PHONE);
                }
            }
        }
        Matcher m = anchored(PHONE, text);
        for (int run : runs) {
            // A phone number begins with its digits, or with the + or ( just before them.
            int start =
                    run > 0 && (text.charAt(run - 1) == '+' || text.charAt(run - 1) == '(')
                            ? run - 1
                            : run;
            m.reset();
            if (!matchAt(m, start)) {
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

    private static boolean phoneDigits(String s) {
        int n = digits(s);
        return n >= 7 && n <= 15;
    }

    private static void names(String text, String lower, Findings found) {
        if (containsAny(text, TITLES)) {
            Matcher titled = TITLED_NAME.matcher(text);
            while (titled.find()) {
                String first = titled.group(1).split("\\s+")[0].toLowerCase(Locale.ROOT);
                if (!TITLED_BRANDS.contains(first)) {
                    found.add(titled.start(), titled.end(), PiiKind.NAME);
                }
            }
        }
        if (containsAny(lower, STRONG_NAME_CUES)) {
            Matcher strong = STRONG_NAME_CUE.matcher(text);
            while (strong.find()) {
                int end = nameAfter(text, strong.end());
                found.add(strong.end(), end, PiiKind.NAME);
            }
        }
        if (!containsAny(lower, WEAK_NAME_CUES)) {
            return;
        }
        Matcher weak = WEAK_NAME_CUE.matcher(text);
        while (weak.find()) {
            String first = weak.group(1).split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!NOT_INTRODUCTIONS.contains(first) && !NOT_NAMES.contains(first)) {
                found.add(weak.start(1), weak.end(1), PiiKind.NAME);
            }
        }
    }

    private static final Pattern ANY_CASE_NAME_WORD = Pattern.compile(ANY_CASE_WORD);

    /** The end of up to three words after a strong cue, stopping at a word that is no name. */
    private static int nameAfter(String text, int start) {
        Matcher w = ANY_CASE_NAME_WORD.matcher(text);
        int end = start;
        int words = 0;
        int at = start;
        while (words < 4 && w.find(at) && w.start() == at) {
            String word = w.group();
            String lower = word.toLowerCase(Locale.ROOT);
            boolean particle = lower.matches(PARTICLE.toLowerCase(Locale.ROOT));
            if (NOT_NAMES.contains(lower) && !(particle && words > 0)) {
                break;
            }
            if (!particle) {
                words++;
                end = w.end();
            }
            at = w.end();
            if (at < text.length() && text.charAt(at) == ' ') {
                at++;
            } else {
                break;
            }
        }
        return end;
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
