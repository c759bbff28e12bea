package dev.switchboard.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureLanguageTest {
    private static List<String> tokens(String text, String language) {
        FeatureBuffer b = new FeatureBuffer();
        Tokenizer.tokenize(text, b, FeatureLanguage.of(language));
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < b.tokenCount; t++) {
            tokens.add(new String(b.chars, b.tokenStart[t], b.tokenEnd[t] - b.tokenStart[t]));
        }
        return tokens;
    }

    private static boolean has(String text, String language, int id) {
        TextFeatures features = new TextFeatures(20, null, FeatureLanguage.of(language));
        FeatureBuffer b = new FeatureBuffer();
        int n = features.extract(text, b);
        return IntStream.of(Arrays.copyOf(b.features(), n)).anyMatch(i -> i == id);
    }

    private static int word(String language, String word, boolean negated) {
        return new TextFeatures(20, null, FeatureLanguage.of(language)).wordFeature(word, negated);
    }

    private static int flag(long flag) {
        return new TextFeatures(20).flagFeature(flag);
    }

    @Test
    void englishTokensAreAsBefore() {
        assertEquals(
                List.of("i", "don't", "want", "l'attente", "café", "!!"),
                tokens("I don't want L'attente café!!!", "en"));
    }

    @Test
    void frenchAndItalianSplitElisionsAndFoldAccents() {
        assertEquals(
                List.of("l'", "attente", "est", "tres", "longue"),
                tokens("L'attente est très longue", "fr"));
        assertEquals(
                List.of("dell'", "ordine", "e", "in", "ritardo"),
                tokens("dell'ordine è in ritardo", "it"));
    }

    @Test
    void spanishKeepsItsEnyeAndPortugueseLosesItsTilde() {
        assertEquals(List.of("ano", "año"), tokens("Ano año", "es"));
        assertEquals(List.of("nao", "nao"), tokens("não nao", "pt"));
    }

    @Test
    void germanKeepsUmlautsAndWritesSharpSAsDoubleS() {
        assertEquals(List.of("schön", "schon", "strasse"), tokens("Schön schon Straße", "de"));
    }

    @Test
    void outsideEnglishLaughsAreOneTokenAndLongRunsAreSqueezed() {
        assertEquals(List.of("haha", "muyy", "bien"), tokens("jajajajaja muyyyyy bien", "es"));
        assertEquals(List.of("haha", "haha"), tokens("kkkkkk rsrsrs", "pt"));
        assertEquals(List.of("jajaja"), tokens("jajaja", "en"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "es | no estoy contento | contento",
                "es | nunca funciona | funciona",
                "fr | je ne suis pas content | content",
                "fr | c'est pas génial | genial",
                "fr | je n'aime rien | aime",
                "de | ich bin nicht zufrieden | zufrieden",
                "de | das ist kein guter Service | guter",
                "it | non sono contento | contento",
                "pt | não estou satisfeito | satisfeito",
                "pt | nao funciona | funciona"
            })
    void negatorsOfEachLanguageOpenANegationScope(String language, String text, String word) {
        assertTrue(has(text, language, word(language, word, true)), text);
        assertFalse(has(text, language, word(language, word, false)), text);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "es | Quiero hablar con un supervisor | No hace falta un supervisor",
                "fr | Je veux parler à un responsable | Pas besoin d'un responsable",
                "de | Ich will mit einem Vorgesetzten sprechen | Kein Vorgesetzter nötig",
                "it | Voglio parlare con un responsabile | Non serve un responsabile",
                "pt | Quero falar com um supervisor | Não precisa de supervisor"
            })
    void aNegatedManagerRequestSetsItsOwnFlag(String language, String request, String negated) {
        int plain = flag(TextFeatures.FLAG_MANAGER_REQUEST);
        int negatedFlag = flag(TextFeatures.FLAG_NEGATED_MANAGER_REQUEST);
        assertTrue(has(request, language, plain), request);
        assertFalse(has(negated, language, plain), negated);
        assertTrue(has(negated, language, negatedFlag), negated);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "es | Llevo dos horas esperando y es una vergüenza",
                "fr | J'attends depuis deux heures, c'est honteux",
                "de | Ich warte seit zwei Stunden, eine Frechheit und schrecklich",
                "it | Aspetto da due ore, è una vergogna",
                "pt | Estou esperando há duas horas, que vergonha"
            })
    void waitingTimeAndPolarityCuesWorkInEachLanguage(String language, String text) {
        assertTrue(has(text, language, flag(TextFeatures.FLAG_TIME_EXPRESSION)), text);
        assertTrue(has(text, language, flag(TextFeatures.FLAG_NEGATIVE_WORD)), text);
    }

    @Test
    void unknownLanguagesAreRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FeatureLanguage.of("nl"));
        assertTrue(e.getMessage().contains("'nl'"), e.getMessage());
    }

    @Test
    void aModelFileRemembersItsLanguageAndEnglishKeepsItsFormat() throws IOException {
        for (String code : List.of("en", "fr")) {
            TextFeatures features = new TextFeatures(10, null, FeatureLanguage.of(code));
            double[] weights = new double[features.bucketCount() * 2];
            weights[7] = 0.5;
            HashedLinearModel model =
                    new HashedLinearModel(
                            List.of("a", "b"), 10, weights, null, null, FeatureLanguage.of(code));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.write(out);
            HashedLinearModel read =
                    HashedLinearModel.read(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(code, read.language().code());
            double[] p = new double[2];
            double[] q = new double[2];
            model.probabilities("l'attente", new FeatureBuffer(), p);
            read.probabilities("l'attente", new FeatureBuffer(), q);
            assertEquals(p[0], q[0], 1e-12);
        }
    }
}
