package dev.switchboard.models.training;

import dev.switchboard.models.meaning.SecondOpinionSelector;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A sentiment model judged with the second opinion as the meaning tier asks for it on unsure turns
 * or where it is likely to change the label: a row whose fast top probability is below a threshold,
 * or to which the {@link SecondOpinionSelector} gives at least a probability of a change, gets the
 * combined score ({@link SentimentSecondOpinion#combine}), every other row keeps the fast one. So a
 * deployment can measure on its own labelled turns what the pair reads, and how many turns it would
 * re-score, before it turns the tier on.
 */
public final class SecondOpinionEvaluation {
    private SecondOpinionEvaluation() {}

    /** The pair's figures and how many rows the second opinion re-scored. */
    public record Result(Evaluation evaluation, int rescored) {
        public double share() {
            return evaluation.n() == 0 ? 0 : (double) rescored / evaluation.n();
        }
    }

    /**
     * @param fast a sentiment model (labels negative, neutral and positive)
     * @param below re-score the rows whose fast top probability is below this
     * @param selector with {@code likelyToChange} above 0, also re-score the rows it gives at least
     *     that probability of a change; null for none
     * @param threads threads that embed the re-scored rows
     * @throws IllegalArgumentException when the model lacks a sentiment label, or a row's label is
     *     not one of its labels
     */
    public static Result evaluate(
            HashedLinearModel fast,
            SentimentSecondOpinion opinion,
            List<LabelledText> rows,
            double below,
            SecondOpinionSelector selector,
            double likelyToChange,
            int threads) {
        List<String> labels = fast.labels();
        int[] sentiment = SentimentSecondOpinion.sentimentIndices(labels);
        int negative = sentiment[0];
        int neutral = sentiment[1];
        int positive = sentiment[2];
        int[] truth = new int[rows.size()];
        int[] predicted = new int[rows.size()];
        SentimentScore[] scores = new SentimentScore[rows.size()];
        List<Integer> asked = new ArrayList<>();
        FeatureBuffer buffer = new FeatureBuffer();
        double[] p = new double[labels.size()];
        for (int i = 0; i < rows.size(); i++) {
            truth[i] = labels.indexOf(rows.get(i).label());
            if (truth[i] < 0) {
                throw new IllegalArgumentException(
                        "label '" + rows.get(i).label() + "' is not one of " + labels);
            }
            fast.probabilities(rows.get(i).text(), buffer, p);
            scores[i] = SentimentScore.of(p[negative], p[neutral], p[positive]);
            if (SentimentSecondOpinion.unsure(scores[i], below)
                    || (selector != null
                            && likelyToChange > 0
                            && selector.changeProbability(
                                            rows.get(i).text(),
                                            p[negative],
                                            p[neutral],
                                            p[positive])
                                    >= likelyToChange)) {
                asked.add(i);
            } else {
                predicted[i] = labels.indexOf(scores[i].label().wireName());
            }
        }
        float[][] vectors =
                opinion.embedder()
                        .embedAll(asked.stream().map(i -> rows.get(i).text()).toList(), threads);
        for (int k = 0; k < vectors.length; k++) {
            int i = asked.get(k);
            predicted[i] =
                    labels.indexOf(opinion.combine(scores[i], vectors[k]).label().wireName());
        }
        return new Result(Evaluation.of(labels, truth, predicted, 0), asked.size());
    }
}
