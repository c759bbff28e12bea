package dev.switchboard.models.privacy;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names after a title or an introduction, Unicode-aware. */
final class Names {
    private Names() {}

    static final String NAME =
            "\\p{Lu}[\\p{Ll}\\p{M}]*(?:\\p{Lu}[\\p{Ll}\\p{M}]+)?(?:['\u2019-]\\p{Lu}?[\\p{Ll}\\p{M}]+)*";
    static final String PARTICLE =
            "(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|ibn|al|el|dos|das|do|ter|ten|y|Van|Von|De|Da|Di|Du|La|Le|Del)";
    static final String NAME_WORDS =
            NAME + "(?:\\s+(?:" + PARTICLE + "\\s+){0,2}" + NAME + "){0,3}";
    static final Pattern TITLED_NAME =
            Pattern.compile(
                    "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sr|Sra|Srta|Se\u00f1or|Se\u00f1ora|Mme|Mlle|Madame|Monsieur|Herr|Frau|Sig|Sig\\.ra|Signor|Signora)\\.?\\s+("
                            + NAME_WORDS
                            + ")");

    /** Brands that begin with a title: not people. */
    static final Set<String> TITLED_BRANDS =
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
    static final Pattern STRONG_NAME_CUE =
            Pattern.compile(
                    "(?i)\\b(?:my name is|my name's|my full name is|me llamo|mi nombre es|je m'appelle|je m\u2019appelle|ich hei(?:\u00df|ss)e|mein name ist|mi chiamo"
                            + "|il mio nome \u00e8|meu nome \u00e9|o meu nome \u00e9|chamo-me)\\s+");

    static final String ANY_CASE_WORD = "[\\p{L}\\p{M}][\\p{L}\\p{M}'\u2019-]*";
    static final Set<String> NOT_NAMES =
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
    static final Pattern WEAK_NAME_CUE =
            Pattern.compile(
                    "(?:\\b(?i:name:|name is|in the name of|under the name(?: of)?)\\s*|\\b(?i:I'm|I\u2019m|I am)\\s+|\\b(?i:this is)\\s+(?="
                            + NAME_WORDS
                            + "\\s+(?i:from|at|with|speaking|here)\\b))("
                            + NAME_WORDS
                            + ")");
    static final Set<String> NOT_INTRODUCTIONS =
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

    static final String[] TITLES = {
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
    static final String[] STRONG_NAME_CUES = {
        "name", "llamo", "nombre", "appelle", "hei", "chiamo", "nome", "chamo"
    };
    static final String[] WEAK_NAME_CUES = {"name", "i'm", "i\u2019m", "i am", "this is"};

    static void names(String text, String lower, Findings found) {
        if (Scan.containsAny(text, TITLES)) {
            Matcher titled = TITLED_NAME.matcher(text);
            while (titled.find()) {
                String first = titled.group(1).split("\\s+")[0].toLowerCase(Locale.ROOT);
                if (!TITLED_BRANDS.contains(first)) {
                    found.add(titled.start(), titled.end(), PiiKind.NAME);
                }
            }
        }
        if (Scan.containsAny(lower, STRONG_NAME_CUES)) {
            Matcher strong = STRONG_NAME_CUE.matcher(text);
            while (strong.find()) {
                int end = nameAfter(text, strong.end());
                found.add(strong.end(), end, PiiKind.NAME);
            }
        }
        if (!Scan.containsAny(lower, WEAK_NAME_CUES)) {
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

    static final Pattern ANY_CASE_NAME_WORD = Pattern.compile(ANY_CASE_WORD);

    /** The end of up to three words after a strong cue, stopping at a word that is no name. */
    static int nameAfter(String text, int start) {
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
}
