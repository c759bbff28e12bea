package dev.switchboard.models.sentiment;

/**
 * Language tags as the models compare them: by primary language, case-insensitively, without
 * allocating ("es-MX" and "ES" are Spanish). A missing tag means English, since most platforms tag
 * only the languages they have detected.
 */
public final class Languages {
    private Languages() {}

    /** Whether BCP-47 {@code tag} (null or empty: English) is the language {@code code}. */
    public static boolean sameLanguage(String tag, String code) {
        if (tag == null || tag.isEmpty()) {
            return code.equals("en");
        }
        int n = code.length();
        if (tag.length() < n || tag.length() > n && tag.charAt(n) != '-' && tag.charAt(n) != '_') {
            return false;
        }
        return tag.regionMatches(true, 0, code, 0, n);
    }

    /**
     * The primary language of {@code tag}, lower case, as one of {@code known} when it is one of
     * them (no allocation then), or null for a missing tag.
     */
    public static String primary(String tag, Iterable<String> known) {
        if (tag == null || tag.isEmpty()) {
            return null;
        }
        for (String code : known) {
            if (sameLanguage(tag, code)) {
                return code;
            }
        }
        int end = tag.indexOf('-');
        if (end < 0) {
            end = tag.indexOf('_');
        }
        return (end < 0 ? tag : tag.substring(0, end)).toLowerCase(java.util.Locale.ROOT);
    }
}
