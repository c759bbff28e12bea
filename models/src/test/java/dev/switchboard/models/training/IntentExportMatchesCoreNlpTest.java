package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.text.FeatureBuffer;
import edu.stanford.nlp.stats.Counter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The export to the serving form holds for a 77-label model too: the intent recipe, trained on a
 * third of BANKING77, scores the rest like the CoreNLP classifier (same label, probabilities within
 * 1e-6).
 */
class IntentExportMatchesCoreNlpTest {
    @Test
    void servingModelAgreesWithCoreNlp() throws Exception {
        var file = SharedData.file("banking77/train.csv");
        TrainingRecipe recipe =
                TrainingRecipe.intents(LabelledCsv.labels(file, "text", "category"));
        List<LabelledText> rows = LabelledCsv.read(file, "text", "category", recipe.labels());
        List<LabelledText> train = new ArrayList<>();
        List<LabelledText> dev = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (i % 3 == 0 ? train : dev).add(rows.get(i));
        }
        LinearModelTrainer.Trained trained = recipe.train(train, List.of());
        List<String> labels = trained.model().labels();
        FeatureBuffer buffer = new FeatureBuffer();
        double[] served = new double[labels.size()];
        for (LabelledText row : dev) {
            Counter<String> coreNlp =
                    trained.classifier()
                            .probabilityOf(trained.datum(row.text(), row.label(), buffer));
            trained.model().probabilities(row.text(), buffer, served);
            for (int l = 0; l < labels.size(); l++) {
                double diff = Math.abs(coreNlp.getCount(labels.get(l)) - served[l]);
                assertTrue(diff <= 1e-6, "probability of " + labels.get(l) + " differs by " + diff);
            }
            assertEquals(
                    edu.stanford.nlp.stats.Counters.argmax(coreNlp),
                    labels.get(ModelEvaluator.argMax(served)));
        }
        assertEquals(77, labels.size());
        assertTrue(dev.size() > 6_000, "two thirds of the set compared");
    }
}
