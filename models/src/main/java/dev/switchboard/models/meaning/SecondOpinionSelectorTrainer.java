package dev.switchboard.models.meaning;

import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.training.LinearModelTrainer;
import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.classify.RVFDataset;
import edu.stanford.nlp.ling.RVFDatum;
import edu.stanford.nlp.stats.ClassicCounter;
import edu.stanford.nlp.util.Index;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link SecondOpinionSelector} to a deployment's own messages, without labels: both shipped
 * models read each message, and the selector learns where the second opinion changes the fast
 * model's label. Neither model was trained on a deployment's traffic, so their disagreement there
 * is what the job will meet, where the shipped selector learned it from the dialogue sets each
 * model read out of fold (docs/models.md).
 *
 * <p>The same model as {@code ship_selector.py}'s (hashed unigrams and bigrams weighted per fast
 * label, and the fast model's numbers, standardised), fitted by CoreNLP's logistic regression, the
 * learner of the hashed models and the heads, instead of the script's stochastic gradient.
 */
public final class SecondOpinionSelectorTrainer {
    /** The shipped selector's buckets (2^18), so a fitted one hashes grams as it does. */
    public static final int BUCKETS = 1 << 18;

    /**
     * The prior's standard deviation, as the intent heads': grams seen in a handful of messages
     * stay near 0.
     */
    public static final double SIGMA = 1.0;

    private static final String CHANGE = "change";
    private static final String KEEP = "keep";
    private static final String BIAS = "bias";
    private static final char GRAM = 'g';
    private static final char NUMBER = 'n';

    private SecondOpinionSelectorTrainer() {}

    /**
     * One message as both models read it: the fast model's distribution and whether the pair
     * ({@link SentimentSecondOpinion#combine}) gives another label.
     */
    public record Reading(
            String text, double negative, double neutral, double positive, boolean changed) {}

    /**
     * Reads every message with the fast model and the second opinion, as the job would if it asked
     * for each.
     *
     * @param threads threads that embed the messages (about 7 ms of a core each)
     */
    public static List<Reading> read(
            List<String> texts,
            HashedLinearModel fast,
            SentimentSecondOpinion opinion,
            int threads) {
        List<String> labels = fast.labels();
        int[] sentiment = SentimentSecondOpinion.sentimentIndices(labels);
        int negative = sentiment[0];
        int neutral = sentiment[1];
        int positive = sentiment[2];
        float[][] vectors = opinion.embedder().embedAll(texts, threads);
        FeatureBuffer buffer = new FeatureBuffer();
        double[] p = new double[labels.size()];
        List<Reading> readings = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            fast.probabilities(texts.get(i), buffer, p);
            SentimentScore score = SentimentScore.of(p[negative], p[neutral], p[positive]);
            boolean changed = opinion.combine(score, vectors[i]).label() != score.label();
            readings.add(new Reading(texts.get(i), p[negative], p[neutral], p[positive], changed));
        }
        return readings;
    }

    /**
     * A selector of the probability that the second opinion changes a message's label.
     *
     * @throws IllegalArgumentException when the readings hold no change, or nothing but changes:
     *     there is nothing to tell apart
     */
    public static SecondOpinionSelector fit(List<Reading> readings, double sigma) {
        long changes = readings.stream().filter(Reading::changed).count();
        if (changes == 0 || changes == readings.size()) {
            throw new IllegalArgumentException(
                    "the second opinion changed the label of "
                            + changes
                            + " of "
                            + readings.size()
                            + " messages: a selector needs messages of both kinds");
        }
        int n = SecondOpinionSelector.NUMBERS;
        double[][] x = new double[readings.size()][];
        double[] mean = new double[n];
        for (int i = 0; i < x.length; i++) {
            Reading r = readings.get(i);
            x[i] = SecondOpinionSelector.numbers(r.text(), r.negative(), r.neutral(), r.positive());
            for (int k = 0; k < n; k++) {
                mean[k] += x[i][k] / x.length;
            }
        }
        // As the script standardises: the sample standard deviation, kept off zero for a number
        // that never varies (a label the fast model never gave).
        double[] scale = new double[n];
        for (double[] row : x) {
            for (int k = 0; k < n; k++) {
                scale[k] += (row[k] - mean[k]) * (row[k] - mean[k]);
            }
        }
        for (int k = 0; k < n; k++) {
            scale[k] = Math.sqrt(scale[k] / Math.max(1, x.length - 1)) + 1e-6;
        }

        RVFDataset<String, String> dataset = new RVFDataset<>();
        for (int i = 0; i < x.length; i++) {
            dataset.add(datum(readings.get(i), x[i], mean, scale));
        }
        LinearClassifier<String, String> classifier = LinearModelTrainer.fit(dataset, null, sigma);
        return export(classifier, mean, scale);
    }

    private static RVFDatum<String, String> datum(
            Reading r, double[] numbers, double[] mean, double[] scale) {
        ClassicCounter<String> counter = new ClassicCounter<>();
        int label = SecondOpinionSelector.fastLabel(r.negative(), r.neutral(), r.positive());
        for (int hash : SecondOpinionSelector.distinctGramHashes(r.text())) {
            int bucket = SecondOpinionSelector.bucket(hash, BUCKETS);
            // Two grams of one message in one bucket count twice, as the selector adds them.
            counter.incrementCount(
                    GRAM + Integer.toString(bucket * SecondOpinionSelector.LABELS + label), 1.0);
        }
        for (int k = 0; k < numbers.length; k++) {
            counter.setCount(NUMBER + Integer.toString(k), (numbers[k] - mean[k]) / scale[k]);
        }
        counter.setCount(BIAS, 1.0);
        return new RVFDatum<>(counter, r.changed() ? CHANGE : KEEP);
    }

    /** With two classes the logit of a change is the difference of CoreNLP's two weight columns. */
    private static SecondOpinionSelector export(
            LinearClassifier<String, String> classifier, double[] mean, double[] scale) {
        Index<String> features = classifier.featureIndex();
        Index<String> classes = classifier.labelIndex();
        int change = classes.indexOf(CHANGE);
        int keep = classes.indexOf(KEEP);
        double[][] w = classifier.weights();
        float[] grams = new float[BUCKETS * SecondOpinionSelector.LABELS];
        double[] linear = new double[SecondOpinionSelector.NUMBERS];
        double bias = 0;
        for (int f = 0; f < features.size(); f++) {
            String name = features.get(f);
            double weight = w[f][change] - w[f][keep];
            if (name.equals(BIAS)) {
                bias = weight;
            } else if (name.charAt(0) == GRAM) {
                grams[Integer.parseInt(name.substring(1))] = (float) weight;
            } else {
                linear[Integer.parseInt(name.substring(1))] = weight;
            }
        }
        return new SecondOpinionSelector(BUCKETS, grams, mean, scale, linear, bias);
    }

    /** How a selector's line picks messages out of readings it was not fitted on. */
    public record Coverage(double line, int messages, int asked, int changes, int changesAsked) {
        /** The share of messages it would hand to the second opinion. */
        public double askedShare() {
            return messages == 0 ? 0 : (double) asked / messages;
        }

        /** The share of the second opinion's changes among the messages it asks for. */
        public double changesCaught() {
            return changes == 0 ? 0 : (double) changesAsked / changes;
        }
    }

    /** The messages a line asks for, and the changes among them. */
    public static Coverage coverage(
            SecondOpinionSelector selector, List<Reading> readings, double line) {
        int asked = 0;
        int changes = 0;
        int changesAsked = 0;
        for (Reading r : readings) {
            boolean ask =
                    selector.changeProbability(r.text(), r.negative(), r.neutral(), r.positive())
                            >= line;
            asked += ask ? 1 : 0;
            changes += r.changed() ? 1 : 0;
            changesAsked += ask && r.changed() ? 1 : 0;
        }
        return new Coverage(line, readings.size(), asked, changes, changesAsked);
    }
}
