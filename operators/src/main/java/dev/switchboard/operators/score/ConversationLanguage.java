package dev.switchboard.operators.score;

import dev.switchboard.models.language.LanguageCues;
import dev.switchboard.models.language.LanguageDetection;
import java.util.Set;

/**
 * The language of a customer's message of a tenant with several languages, decided once per
 * conversation rather than per message (a tenant with one language has it, with nothing to decide).
 *
 * <ul>
 *   <li>A message's own language tag is taken at its word, and becomes the conversation's.
 *   <li>Otherwise the first message whose language the detector can tell sets the conversation's
 *       language (a text too short to tell stays undetermined, and the next message tries again).
 *       Later messages take it without detection, unless a message is clearly in another of the
 *       tenant's languages ({@link LanguageCues}, a cheap count of function words): only then is
 *       the detector asked again, and its answer, when it can tell, becomes the conversation's.
 * </ul>
 *
 * Plain Java: {@link ScoreSentiment} keeps the result in its keyed state.
 */
public final class ConversationLanguage {
    private ConversationLanguage() {}

    /** A message's language, and the conversation's language after it. */
    public record Decision(String message, String conversation) {}

    /**
     * @param kept the conversation's language so far, or null
     * @param tag the message's language tag, or null
     * @param languages the tenant's languages
     * @param detector the detector among {@code languages}
     */
    public static Decision decide(
            String kept,
            String tag,
            String text,
            Set<String> languages,
            LanguageDetection detector) {
        if (tag != null) {
            return new Decision(tag, tag);
        }
        if (kept != null && !LanguageCues.clearlyOther(text, kept, languages)) {
            return new Decision(kept, kept);
        }
        String detected = detector.detect(text);
        if (detected.equals(LanguageDetection.UNDETERMINED)) {
            return new Decision(kept != null ? kept : detected, kept);
        }
        return new Decision(detected, detected);
    }
}
