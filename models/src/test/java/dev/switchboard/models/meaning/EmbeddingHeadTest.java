package dev.switchboard.models.meaning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.training.SharedData;
import edu.stanford.nlp.ling.RVFDatum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serving form of a head against the CoreNLP classifier it was exported from. */
class EmbeddingHeadTest {
    private static final List<String> LABELS =
            List.of(
                    "card_arrival",
                    "card_delivery_estimate",
                    "lost_or_stolen_card",
                    "compromised_card",
                    "change_pin",
                    "top_up_failed",
                    "exchange_rate");

    private static final List<float[]> trainVectors = new ArrayList<>();
    private static final List<String> trainLabels = new ArrayList<>();
    private static final List<float[]> devVectors = new ArrayList<>();
    private static final List<String> devLabels = new ArrayList<>();
    private static EmbeddingHeadTrainer.Trained trained;

    /** Seven close BANKING77 intents; every third row is held out as the dev set. */
    @BeforeAll
    static void train() throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(SharedData.file("banking77/train.csv"))) {
            for (CSVRecord row :
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .build()
                            .parse(r)) {
                if (LABELS.contains(row.get("category"))) {
                    texts.add(row.get("text"));
                    labels.add(row.get("category"));
                }
            }
        }
        float[][] vectors =
                SentenceEmbedder.shared(SentenceEmbedder.BGE_SMALL_EN_V15_Q).embedAll(texts, 2);
        for (int i = 0; i < texts.size(); i++) {
            (i % 3 == 0 ? devVectors : trainVectors).add(vectors[i]);
            (i % 3 == 0 ? devLabels : trainLabels).add(labels.get(i));
        }
        trained =
                new EmbeddingHeadTrainer("bge-small-en-v1.5-q", EmbeddingHeadTrainer.SIGMA)
                        .train(LABELS, trainVectors, trainLabels);
    }

    @Test
    void servingGivesCoreNlpsProbabilitiesOnHeldOutRows() {
        EmbeddingHead head = trained.head();
        double[] log = new double[LABELS.size()];
        int correct = 0;
        for (int i = 0; i < devVectors.size(); i++) {
            head.logProbabilities(devVectors.get(i), log);
            RVFDatum<String, String> datum = EmbeddingHeadTrainer.datum(devVectors.get(i), null);
            var expected = trained.classifier().probabilityOf(datum);
            int best = 0;
            for (int l = 0; l < LABELS.size(); l++) {
                assertEquals(expected.getCount(LABELS.get(l)), Math.exp(log[l]), 1e-5, "row " + i);
                best = log[l] > log[best] ? l : best;
            }
            correct += LABELS.get(best).equals(devLabels.get(i)) ? 1 : 0;
        }
        // Seven intents chosen for sharing words; a head that learnt nothing would get 1 in 7.
        double accuracy = correct / (double) devVectors.size();
        assertTrue(accuracy > 0.8, "held-out accuracy " + accuracy);
    }

    @Test
    void aWrittenHeadReadsBackToTheSameScoresAndTheSameBytes() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        trained.head().write(first);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        trained.head().write(second);
        assertArrayEquals(first.toByteArray(), second.toByteArray(), "nothing time-dependent");
        EmbeddingHead.Versioned read = EmbeddingHead.read(first.toByteArray());
        assertEquals(12, read.version().length());
        assertEquals(LABELS, read.head().labels());
        assertEquals("bge-small-en-v1.5-q", read.head().embedder());
        double[] a = new double[LABELS.size()];
        double[] b = new double[LABELS.size()];
        trained.head().logProbabilities(devVectors.get(0), a);
        read.head().logProbabilities(devVectors.get(0), b);
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void refusesFilesThatAreNotHeadsAndVectorsOfTheWrongSize() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        trained.head().write(out);
        byte[] bytes = out.toByteArray();
        byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(IOException.class, () -> EmbeddingHead.read(cut));
        assertThrows(IOException.class, () -> EmbeddingHead.read(new byte[] {1, 2, 3}));
        assertThrows(
                IllegalArgumentException.class,
                () -> trained.head().logProbabilities(new float[10], new double[LABELS.size()]));
    }
}
