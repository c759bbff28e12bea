package dev.switchboard.models.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageCuesTest {
    private static final List<String> EN_ES_FR = List.of("en", "es", "fr");

    @Test
    void countsTheFunctionWordsOfALanguage() {
        assertEquals(4, LanguageCues.hits("Quiero que me devuelvan el dinero", "es"));
        assertEquals(0, LanguageCues.hits("Quiero que me devuelvan el dinero", "de"));
    }

    @Test
    void aSwitchIsClearWithTwoWordsOfAnotherLanguageAndThreeTimesTheCurrentOnes() {
        assertTrue(
                LanguageCues.clearlyOther("Can you answer me in English please", "es", EN_ES_FR));
        assertFalse(LanguageCues.clearlyOther("ok gracias", "es", EN_ES_FR), "nothing to go by");
        assertFalse(
                LanguageCues.clearlyOther("el ticket is the problem", "es", EN_ES_FR),
                "as many words of the current language keep it");
        assertFalse(
                LanguageCues.clearlyOther("Ich will mein Geld zurück", "es", EN_ES_FR),
                "not one of the tenant's languages");
    }
}
