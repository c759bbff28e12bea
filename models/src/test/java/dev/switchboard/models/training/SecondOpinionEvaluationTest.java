package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.meaning.SecondOpinionSelector;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecondOpinionEvaluationTest {
    private static final SentimentModel FAST = SentimentModel.loadDefault();
    private static final SentimentSecondOpinion OPINION = SentimentSecondOpinion.shipped();

    /** Labelled as a person would; several the fast model is unsure of. */
    private static final List<LabelledText> ROWS =
            List.of(
                    row("fine, whatever", "negative"),
                    row("ok I guess that works", "neutral"),
                    row("I already restarted the router three times. Still nothing.", "negative"),
                    row("Really? That seems like a lot.", "negative"),
                    row("that is all I need, thanks", "neutral"),
                    row("Thanks, that is great, you fixed it", "positive"),
                    row("This is the worst service ever, I am furious!", "negative"),
                    row("can you check my order number 4411", "neutral"),
                    row("no", "neutral"));

    @Test
    void belowZeroNothingIsReScoredAndTheFiguresAreTheFastModels() {
        HashedLinearModel fast = FAST.linearModel();
        SecondOpinionEvaluation.Result r =
                SecondOpinionEvaluation.evaluate(fast, OPINION, ROWS, 0, null, 0, 1);
        assertEquals(0, r.rescored());
        Evaluation alone = ModelEvaluator.evaluate(fast, ROWS);
        assertEquals(alone.macroF1(), r.evaluation().macroF1(), 1e-12);
        assertArrayEquals(alone.confusion(), r.evaluation().confusion());
    }

    /**
     * Exactly the unsure rows are re-scored, each given the label the job's combination gives it,
     * worked out here row by row as the job does it (score, embed, combine).
     */
    @Test
    void theUnsureRowsGetTheJobsCombinedLabel() {
        double below = 0.6;
        List<String> labels = FAST.linearModel().labels();
        int unsure = 0;
        List<Integer> expected = new ArrayList<>();
        for (LabelledText row : ROWS) {
            SentimentScore fast = FAST.score(row.text(), SpeakerRole.CUSTOMER, "en");
            SentimentScore served = fast;
            if (SentimentSecondOpinion.unsure(fast, below)) {
                unsure++;
                served = OPINION.combine(fast, OPINION.embedder().embed(row.text()));
            }
            expected.add(labels.indexOf(served.label().wireName()));
        }
        SecondOpinionEvaluation.Result r =
                SecondOpinionEvaluation.evaluate(
                        FAST.linearModel(), OPINION, ROWS, below, null, 0, 2);
        assertEquals(unsure, r.rescored());
        assertEquals((double) unsure / ROWS.size(), r.share(), 1e-12);
        int[][] confusion = new int[3][3];
        for (int i = 0; i < ROWS.size(); i++) {
            confusion[labels.indexOf(ROWS.get(i).label())][expected.get(i)]++;
        }
        assertArrayEquals(confusion, r.evaluation().confusion());
        // The rows were chosen so that the second opinion changes some labels.
        assertNotEquals(
                ModelEvaluator.evaluate(FAST.linearModel(), ROWS).accuracy(),
                r.evaluation().accuracy());
    }

    /** With the selector, exactly the rows it gives at least the line's probability are asked. */
    @Test
    void withTheSelectorTheRowsLikelyToChangeAreReScored() {
        SecondOpinionSelector selector = SecondOpinionSelector.shipped();
        HashedLinearModel fast = FAST.linearModel();
        List<String> labels = fast.labels();
        double[] p = new double[labels.size()];
        int likely = 0;
        for (LabelledText row : ROWS) {
            fast.probabilities(row.text(), new FeatureBuffer(), p);
            if (selector.changeProbability(
                            row.text(),
                            p[labels.indexOf("negative")],
                            p[labels.indexOf("neutral")],
                            p[labels.indexOf("positive")])
                    >= 0.5) {
                likely++;
            }
        }
        assertTrue(likely > 0 && likely < ROWS.size(), likely + " of " + ROWS.size());
        SecondOpinionEvaluation.Result r =
                SecondOpinionEvaluation.evaluate(fast, OPINION, ROWS, 0, selector, 0.5, 2);
        assertEquals(likely, r.rescored());
        assertEquals(
                0,
                SecondOpinionEvaluation.evaluate(fast, OPINION, ROWS, 0, selector, 0, 1).rescored(),
                "a line of 0 asks for none");
    }

    @Test
    void aModelWithoutSentimentLabelsIsRefused() {
        HashedLinearModel intents =
                dev.switchboard.models.intent.IntentModel.shipped("customer-service").linearModel();
        assertThrows(
                IllegalArgumentException.class,
                () -> SecondOpinionEvaluation.evaluate(intents, OPINION, ROWS, 0.5, null, 0, 1));
    }

    private static LabelledText row(String text, String label) {
        return new LabelledText(text, label);
    }
}
