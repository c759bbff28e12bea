package dev.switchboard.models.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceEmbedderTest {
    private static final List<String> SENTENCES =
            List.of(
                    "I am still waiting on my card?",
                    "My card has not arrived yet and it has been two weeks.",
                    "How do I top up with Apple Pay?",
                    "That is all I need, thanks.",
                    "This is the third time I am asking. Get me a manager NOW!",
                    "");

    private final SentenceEmbedder embedder =
            SentenceEmbedder.shared(SentenceEmbedder.BGE_SMALL_EN_V15_Q);

    /**
     * LangChain4j's runner of the same network (its own tokenizer set-up, inputs and pooling) is
     * the reference: an independent reading of the model's card, so a wrong pooling, a missing
     * input or a wrong piece of the tokenizer set-up shows here.
     */
    @Test
    void embeddingsMatchAnIndependentRunnerOfTheSameNetwork() {
        BgeSmallEnV15QuantizedEmbeddingModel reference = new BgeSmallEnV15QuantizedEmbeddingModel();
        for (String sentence : SENTENCES.subList(0, SENTENCES.size() - 1)) {
            float[] expected = reference.embed(sentence).content().vector();
            float[] actual = embedder.embed(sentence);
            assertEquals(expected.length, actual.length);
            assertTrue(cosine(expected, actual) > 0.9999, sentence);
            for (int k = 0; k < actual.length; k++) {
                assertEquals(expected[k], actual[k], 1e-4, sentence + " component " + k);
            }
        }
    }

    @Test
    void aBatchGivesEachSentenceTheVectorItGetsAlone() {
        float[][] batch = embedder.embed(SENTENCES);
        assertEquals(SENTENCES.size(), batch.length);
        for (int i = 0; i < SENTENCES.size(); i++) {
            float[] alone = embedder.embed(SENTENCES.get(i));
            for (int k = 0; k < alone.length; k++) {
                assertEquals(alone[k], batch[i][k], 1e-4, "sentence " + i + " component " + k);
            }
        }
    }

    @Test
    void vectorsAreUnitLengthAndPlaceLikeMeaningsCloser() {
        float[][] v = embedder.embed(SENTENCES);
        for (float[] x : v) {
            assertEquals(1.0, cosine(x, x), 1e-5);
        }
        // Two ways of asking where the card is, against a top-up question.
        assertTrue(cosine(v[0], v[1]) > cosine(v[0], v[2]) + 0.1);
    }

    @Test
    void aLongMessageIsCutNotRefused() {
        String longMessage = "my card never arrived and nobody answers ".repeat(200);
        float[] v = embedder.embed(longMessage);
        assertEquals(1.0, cosine(v, v), 1e-5);
        assertTrue(cosine(v, embedder.embed(SENTENCES.get(1))) > 0.6);
    }

    /**
     * The fine-tuned network hands out its CLS state as it is, which its head was trained on; a
     * head names its network, and a name no network has is refused.
     */
    @Test
    void theFineTunedNetworkGivesItsPooledVectorAndIsFoundByName() {
        SentenceEmbedder fineTuned =
                SentenceEmbedder.shared(SentenceEmbedder.BGE_SMALL_EN_V15_DIALOGUE_Q.name());
        assertEquals(SentenceEmbedder.BGE_SMALL_EN_V15_DIALOGUE_Q, fineTuned.spec());
        float[] v = fineTuned.embed(SENTENCES.get(3));
        assertEquals(384, v.length);
        double squared = 0;
        for (float x : v) {
            squared += x * x;
        }
        assertTrue(Math.abs(Math.sqrt(squared) - 1) > 0.5, "not scaled: " + Math.sqrt(squared));
        assertThrows(IllegalArgumentException.class, () -> SentenceEmbedder.shared("no-such"));
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }
}
