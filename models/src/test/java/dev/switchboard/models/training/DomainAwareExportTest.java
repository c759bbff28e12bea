package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.text.FeatureBuffer;
import edu.stanford.nlp.stats.Counter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With domain-aware training (a shared and a per-domain copy of every feature), the exported model
 * is the shared copy plus the serving domain's: it must score every text exactly as the CoreNLP
 * classifier scores that text as a serving-domain example, and differently from the shared copy
 * alone (or the domain copies were never trained).
 */
class DomainAwareExportTest {
    private static final double COPY_SCALE = 0.5;
    private static LinearModelTrainer.Trained trained;
    private static LinearModelTrainer.Trained sharedOnly;
    private static List<LabelledText> dev;

    @BeforeAll
    static void train() throws Exception {
        TrainingRecipe recipe =
                TrainingRecipe.SENTIMENT.withServingDomain(LabelledSet.DIALOGUE, COPY_SCALE);
        List<LabelledText> rows = new ArrayList<>();
        rows.addAll(
                LabelledSet.parse("airline", SharedData.file(""), null, null)
                        .read(recipe.labels())
                        .subList(0, 1_500));
        List<LabelledText> meld =
                LabelledSet.parse("meld-train", SharedData.file(""), null, null)
                        .read(recipe.labels());
        rows.addAll(meld.subList(0, 1_500));
        dev = LabelledSet.parse("meld-dev", SharedData.file(""), null, null).read(recipe.labels());
        trained = recipe.train(rows, List.of());
        sharedOnly =
                recipe.withServingDomain("none-of-the-data", COPY_SCALE).train(rows, List.of());
    }

    @Test
    void theServedModelIsTheSharedCopyPlusTheServingDomainsCopy() {
        assertTrue(
                trained.classifier().featureIndex().objectsList().stream()
                        .anyMatch(f -> f.startsWith(LabelledSet.DIALOGUE + ":")),
                "the classifier was trained with the dialogue domain's copies");
        assertTrue(
                trained.classifier().featureIndex().objectsList().stream()
                        .anyMatch(f -> f.startsWith(LabelledSet.TWEET + ":")));
        List<String> labels = trained.model().labels();
        FeatureBuffer buffer = new FeatureBuffer();
        double[] served = new double[labels.size()];
        double[] shared = new double[labels.size()];
        double largestDomainEffect = 0;
        for (LabelledText row : dev) {
            Counter<String> coreNlp =
                    trained.classifier()
                            .probabilityOf(trained.datum(row.text(), row.label(), buffer));
            trained.model().probabilities(row.text(), buffer, served);
            sharedOnly.model().probabilities(row.text(), buffer, shared);
            for (int l = 0; l < labels.size(); l++) {
                String label = labels.get(l);
                double diff = Math.abs(coreNlp.getCount(label) - served[l]);
                assertTrue(
                        diff <= 1e-6,
                        () ->
                                "probability of "
                                        + label
                                        + " differs by "
                                        + diff
                                        + " on: "
                                        + row.text());
                largestDomainEffect =
                        Math.max(largestDomainEffect, Math.abs(served[l] - shared[l]));
            }
        }
        assertEquals(1_109, dev.size());
        assertTrue(
                largestDomainEffect > 0.05,
                "the dialogue copy changes some probability by more than 0.05, was "
                        + largestDomainEffect);
    }
}
