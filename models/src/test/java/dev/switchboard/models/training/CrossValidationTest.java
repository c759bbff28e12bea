package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
    private static final TrainingRecipe RECIPE = TrainingRecipe.intents(List.of("a", "b", "c"));

    /**
     * Each group repeats one made-up text under one random label: a model that saw the group in
     * training knows the answer, one that did not can only guess.
     */
    private static List<LabelledText> memorisableGroups(String source, boolean grouped) {
        Random random = new Random(11);
        List<LabelledText> rows = new ArrayList<>();
        for (int g = 0; g < 150; g++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 4; w++) {
                for (int c = 0; c < 7; c++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                text.append(' ');
            }
            String label = RECIPE.labels().get(random.nextInt(3));
            for (int k = 0; k < 4; k++) {
                rows.add(
                        new LabelledText(
                                text.toString().trim(),
                                label,
                                source,
                                null,
                                grouped ? source + "/" + g : null,
                                1.0));
            }
        }
        return rows;
    }

    @Test
    void rowsOfOneDialogueNeverTrainTheModelThatJudgesThem() {
        double grouped =
                CrossValidation.run(RECIPE, memorisableGroups("s", true), List.of(), 5, 42)
                        .overall()
                        .accuracy();
        double ungrouped =
                CrossValidation.run(RECIPE, memorisableGroups("s", false), List.of(), 5, 42)
                        .overall()
                        .accuracy();
        assertTrue(ungrouped > 0.9, "ungrouped folds leak each text into training: " + ungrouped);
        assertTrue(
                grouped < 0.5,
                "grouped folds hold each text out whole, so the model guesses: " + grouped);
    }

    @Test
    void reportsEverySourceOnItsOwnAndKeepsEachRowsProbabilities() {
        List<LabelledText> rows = new ArrayList<>(memorisableGroups("first", false));
        rows.addAll(memorisableGroups("second", true));
        CrossValidation.Result result = CrossValidation.run(RECIPE, rows, List.of(), 3, 7);
        assertEquals(List.of("first", "second"), List.copyOf(result.perSource().keySet()));
        assertEquals(600, result.perSource().get("first").n());
        assertEquals(1_200, result.overall().n());
        assertEquals(rows.size(), result.probabilities().length);
        for (double[] p : result.probabilities()) {
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-9, "every row was predicted out of fold");
        }
        assertEquals(
                (result.perSource().get("first").macroF1()
                                + result.perSource().get("second").macroF1())
                        / 2,
                result.meanMacroF1(),
                1e-12);
    }
}
