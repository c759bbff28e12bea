package dev.switchboard.models.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped models of Spanish, French, German, Italian and Portuguese read a customer's complaint
 * as a negative turn (at or below the policy's -0.4, so it counts towards {@code watch}), thanks as
 * positive, and a plain request as neither. Sentences written for this test, not taken from the
 * training data.
 */
class SentimentLanguagesTest {
    private static final double NEGATIVE_TURN = -0.4;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "es | Llevo dos horas esperando y nadie me ayuda, es una vergüenza",
                "fr | J'attends depuis deux heures, c'est inadmissible",
                "de | Ich warte seit zwei Stunden, das ist eine Frechheit",
                "it | Aspetto da due ore, è una vergogna",
                "pt | Estou esperando há duas horas, que vergonha"
            })
    void aComplaintIsANegativeTurn(String language, String text) {
        SentimentScore s =
                SentimentModel.shipped(language).score(text, SpeakerRole.CUSTOMER, language);
        assertTrue(s.supported());
        assertEquals(SentimentLabel.NEGATIVE, s.label(), text);
        assertTrue(s.score() <= NEGATIVE_TURN, () -> text + ": " + s.score());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "es | Muchas gracias, todo perfecto",
                "fr | Merci beaucoup, c'est parfait",
                "de | Vielen Dank, alles super",
                "it | Grazie mille, tutto perfetto",
                "pt | Muito obrigado, tudo perfeito"
            })
    void thanksArePositive(String language, String text) {
        SentimentScore s =
                SentimentModel.shipped(language).score(text, SpeakerRole.CUSTOMER, language);
        assertEquals(SentimentLabel.POSITIVE, s.label(), text);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "es | Quiero cambiar la dirección de envío",
                "fr | Je voudrais changer mon adresse de livraison",
                "de | Ich möchte meine Lieferadresse ändern",
                "it | Vorrei cambiare l'indirizzo di consegna",
                "pt | Quero mudar o endereço de entrega"
            })
    void aPlainRequestIsNotANegativeTurn(String language, String text) {
        SentimentScore s =
                SentimentModel.shipped(language).score(text, SpeakerRole.CUSTOMER, language);
        assertTrue(s.score() > NEGATIVE_TURN, () -> text + ": " + s.score());
    }

    @ParameterizedTest
    @ValueSource(strings = {"es", "fr", "de", "it", "pt"})
    void eachModelReadsItsLanguageOnly(String language) {
        SentimentModel m = SentimentModel.shipped(language);
        assertEquals(language, m.language());
        assertEquals("sentiment-" + language, m.name());
        assertTrue(m.reads(language.toUpperCase() + "-XX"));
        assertFalse(m.reads("en"));
        assertFalse(m.reads(null));
        assertFalse(m.score("Thanks!", SpeakerRole.CUSTOMER, "en").supported());
    }
}
