package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import edu.stanford.nlp.stats.Counter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compact serving model must score exactly like the CoreNLP classifier it was exported from:
 * same label on every row of a dev set, probabilities within 1e-6, also after a write and read.
 */
class ExportMatchesCoreNlpTest {
    private static LinearModelTrainer.Trained trained;
    private static List<LabelledText> dev;

    @BeforeAll
    static void train() throws Exception {
        TrainingRecipe recipe = TrainingRecipe.SENTIMENT;
        List<LabelledText> airline =
                LabelledCsv.read(
                        SharedData.file("airline-sentiment/train.csv"),
                        "text",
                        "sentiment",
                        recipe.labels());
        List<LabelledText> trainHalf = new ArrayList<>();
        dev = new ArrayList<>();
        for (int i = 0; i < airline.size(); i++) {
            (i % 2 == 0 ? trainHalf : dev).add(airline.get(i));
        }
        dev.addAll(
                LabelledCsv.read(
                        SharedData.file("meld/dev_sent_emo.csv"),
                        "Utterance",
                        "Sentiment",
                        recipe.labels()));
        trained = recipe.train(trainHalf, List.of());
    }

    @Test
    void servingModelAgreesWithCoreNlpOnEveryDevRow() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trained.model().write(bytes);
        HashedLinearModel reread =
                HashedLinearModel.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertTrue(
                trained.model().features().denseCount() > 0,
                "the shipped recipe's dense features are part of the comparison");
        assertTrue(
                trained.bucketScales() != null,
                "the shipped recipe's naive-Bayes scales are part of the comparison");
        List<String> labels = trained.model().labels();
        FeatureBuffer buffer = new FeatureBuffer();
        double[] served = new double[labels.size()];
        double[] servedAfterRead = new double[labels.size()];
        double worst = 0;
        for (LabelledText row : dev) {
            Counter<String> coreNlp =
                    trained.classifier()
                            .probabilityOf(trained.datum(row.text(), row.label(), buffer));
            trained.model().probabilities(row.text(), buffer, served);
            reread.probabilities(row.text(), buffer, servedAfterRead);
            for (int l = 0; l < labels.size(); l++) {
                double diff = Math.abs(coreNlp.getCount(labels.get(l)) - served[l]);
                worst = Math.max(worst, diff);
                String label = labels.get(l);
                assertTrue(
                        diff <= 1e-6,
                        () ->
                                "probability of "
                                        + label
                                        + " differs by "
                                        + diff
                                        + " on: "
                                        + row.text());
                assertEquals(
                        served[l],
                        servedAfterRead[l],
                        0.0,
                        "a written and re-read model scores identically");
            }
            assertEquals(
                    edu.stanford.nlp.stats.Counters.argmax(coreNlp),
                    labels.get(ModelEvaluator.argMax(served)));
        }
        assertTrue(dev.size() > 4_000, "the whole dev set was compared");
        assertTrue(worst < 1e-6);
    }
}
