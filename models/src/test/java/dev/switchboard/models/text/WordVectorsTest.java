package dev.switchboard.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordVectorsTest {
    private static final int D = WordVectors.DIMENSIONS;

    /**
     * Two words: "good" with vector (1, 0, ...) and polarity 0.8, "delay" with (0, 2, 0, ...) and
     * none.
     */
    private static WordVectors tiny() {
        byte[] vectors = new byte[2 * D];
        vectors[0] = 10;
        vectors[D + 1] = 20;
        return new WordVectors(
                new long[] {TokenHashes.hashOf("good"), TokenHashes.hashOf("delay")},
                vectors,
                0.1f,
                new float[] {0.8f, Float.NaN});
    }

    @Test
    void looksWordsUpByTheTokenHashAndRoundTripsThroughItsFile() throws IOException {
        WordVectors vectors = tiny();
        int good = vectors.entryOf(TokenHashes.hashOf("good"));
        assertTrue(good >= 0);
        assertEquals(-1, vectors.entryOf(TokenHashes.hashOf("bad")));
        assertEquals(0.8f, vectors.polarity(good));
        assertTrue(Float.isNaN(vectors.polarity(vectors.entryOf(TokenHashes.hashOf("delay")))));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        vectors.write(bytes);
        WordVectors reread = WordVectors.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(vectors.checksum(), reread.checksum());
        int[] sum = new int[D];
        reread.addVector(reread.entryOf(TokenHashes.hashOf("delay")), sum);
        assertEquals(20, sum[1]);
    }

    @Test
    void denseFeaturesAreTheMeanVectorAndThePolarityOfTheKnownWords() {
        TextFeatures features = new TextFeatures(12, tiny(), FeatureLanguage.ENGLISH);
        FeatureBuffer b = new FeatureBuffer();
        features.extract("Good DELAY, unknown words", b);
        double[] dense = b.dense();
        // mean of (1, 0) and (0, 2) in real units, times the vector scale of the features
        assertEquals(0.5 * TextFeatures.VECTOR_SCALE, dense[0], 1e-7);
        assertEquals(1.0 * TextFeatures.VECTOR_SCALE, dense[1], 1e-7);
        assertEquals(0.8, dense[D], 1e-6, "positive polarity over the one word that has one");
        assertEquals(0.0, dense[D + 1]);
        assertEquals(0.8, dense[D + 2], 1e-6, "largest polarity");

        features.extract("nothing here is known", b);
        assertArrayEquals(
                new double[TextFeatures.DENSE_FEATURES],
                b.dense(),
                "no known word: all zero, not stale");
    }

    @Test
    void aModelRefusesWordVectorsOtherThanTheOnesItWasTrainedWith() throws IOException {
        double[] hashed = new double[(1 << 8) * 3];
        double[] dense = new double[TextFeatures.DENSE_FEATURES * 3];
        Arrays.fill(dense, 0.5);
        HashedLinearModel model =
                new HashedLinearModel(
                        List.of("negative", "neutral", "positive"), 8, hashed, tiny(), dense);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        assertNotEquals(tiny().checksum(), WordVectors.shipped().checksum());
        IOException refused =
                assertThrows(
                        IOException.class,
                        () ->
                                HashedLinearModel.read(
                                        new ByteArrayInputStream(bytes.toByteArray())));
        assertTrue(refused.getMessage().contains("other word vectors"), refused.getMessage());
    }

    @Test
    void shippedVectorsKnowContactCenterWordsTheAirlineTweetsRarelyOrNeverUse() {
        WordVectors shipped = WordVectors.shipped();
        assertTrue(
                shipped.size() > 50_000,
                "the whole embedding vocabulary, not only the training words");
        // "router" and "technician" are in none of the airline tweets, "outage" and "invoice" in
        // one each.
        for (String word : List.of("outage", "router", "invoice", "technician")) {
            int entry = shipped.entryOf(TokenHashes.hashOf(word));
            assertTrue(entry >= 0 && shipped.hasVector(entry), word);
        }
        float terrible = shipped.polarity(shipped.entryOf(TokenHashes.hashOf("terrible")));
        float wonderful = shipped.polarity(shipped.entryOf(TokenHashes.hashOf("wonderful")));
        assertTrue(
                terrible < -0.3 && wonderful > 0.3,
                "RNTN word polarity: terrible " + terrible + ", wonderful " + wonderful);
    }
}
