package dev.switchboard.models.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The language of a message without a language tag, among a tenant's languages, with Lingua (a
 * library made for short text). Used only for tenants with more than one language: a tenant that
 * serves one language has nothing to choose between.
 *
 * <p>Returns an ISO 639-1 code, or {@link #UNDETERMINED} when Lingua cannot tell (very short or
 * mixed text): the sentiment model then marks the message unsupported rather than guess. Detectors
 * are built once per set of languages and shared (Lingua's detectors are thread-safe), with their
 * language models loaded when built.
 */
public final class LanguageDetection {
    /** The languages the job can detect (the shaded jar carries these models only). */
    public static final Set<String> SUPPORTED = Set.of("en", "es", "fr", "de", "it", "pt", "nl");

    /** BCP-47 "undetermined". */
    public static final String UNDETERMINED = "und";

    private static final Map<Set<String>, LanguageDetection> SHARED = new ConcurrentHashMap<>();

    private final LanguageDetector detector;

    private LanguageDetection(Set<String> languages) {
        List<IsoCode639_1> codes = new ArrayList<>();
        for (String l : languages) {
            codes.add(IsoCode639_1.valueOf(l.toUpperCase(Locale.ROOT)));
        }
        // Loaded now (from the operator's open), not on the first message: loading takes seconds.
        this.detector =
                LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(new IsoCode639_1[0]))
                        .withPreloadedLanguageModels()
                        .build();
    }

    /**
     * The shared detector for {@code languages} (at least two of {@link #SUPPORTED}).
     *
     * @throws IllegalArgumentException naming a language that is not supported
     */
    public static LanguageDetection among(Set<String> languages) {
        requireSupported(languages);
        if (languages.size() < 2) {
            throw new IllegalArgumentException(
                    "language detection needs at least two candidate languages, got " + languages);
        }
        return SHARED.computeIfAbsent(Set.copyOf(languages), LanguageDetection::new);
    }

    /**
     * @throws IllegalArgumentException naming the first language that is not supported
     */
    public static void requireSupported(Set<String> languages) {
        for (String l : languages) {
            if (!SUPPORTED.contains(l)) {
                throw new IllegalArgumentException(
                        "language '"
                                + l
                                + "' is not supported (supported: "
                                + new TreeSet<>(SUPPORTED)
                                + ")");
            }
        }
    }

    /** The ISO 639-1 code of {@code text}'s language, or {@link #UNDETERMINED}. */
    public String detect(String text) {
        Language language = detector.detectLanguageOf(text);
        return language == Language.UNKNOWN
                ? UNDETERMINED
                : language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }
}
