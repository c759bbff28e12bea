package dev.switchboard.models.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Passport numbers and dates of birth, after the words that name them. */
final class PersonalDetails {
    private PersonalDetails() {}

    static final Pattern PASSPORT =
            Pattern.compile(
                    "(?i)\\b(?:passport|pasaporte|passeport|reisepass|passaporto|passaporte)(?:\\s+(?:number|no\\.?|num(?:ber|\u00e9ro)?|nr\\.?|n\u00ba))?"
                            + "(?:\\s+(?:is|es|est|ist|\u00e8))?\\s*[:#]?\\s*([A-Z0-9]{6,9})\\b");
    static final String MONTH =
            "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
                    + "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
                    + "|janvier|f\u00e9vrier|mars|avril|mai|juin|juillet|ao\u00fbt|septembre|octobre|novembre|d\u00e9cembre"
                    + "|januar|februar|m\u00e4rz|juni|juli|oktober|dezember"
                    + "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)";
    static final String DATE =
            "(?:(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th|er|\u00ba)?(?:\\s+of|\\s+de)?\\s+"
                    + MONTH
                    + "\\.?,?(?:\\s+de)?\\s+\\d{2,4}"
                    + "|"
                    + MONTH
                    + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
                    + "|\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})(?!\\d)"
                    + "|\\d{4}-\\d{2}-\\d{2})";
    static final Pattern DATE_OF_BIRTH =
            Pattern.compile(
                    "(?i)(?:\\b(?:date of birth|birth ?date|birthday|born(?: on)?|fecha de nacimiento|nacid[oa] el|n\u00e9e? le|date de naissance"
                            + "|geboren am|geburtsdatum|nat[oa] il|data di nascita)|\\bd\\.?o\\.?b\\b\\.?)(?![\\p{L}])"
                            + "[\\s:,-]*(?:(?:is|was|es|ist)\\s+)?(?:on\\s+)?("
                            + DATE
                            + ")");

    static final String[] BIRTH_CUES = {
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

    static void passports(String text, Findings found) {
        Matcher m = PASSPORT.matcher(text);
        while (m.find()) {
            if (Scan.hasDigit(m.group(1))) {
                found.add(m.start(1), m.end(1), PiiKind.PASSPORT);
            }
        }
    }
}
