package dev.switchboard.models.training;

import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.FeatureLanguage;
import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.text.TextFeatures;
import dev.switchboard.models.text.WordVectors;
import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.classify.LinearClassifierFactory;
import edu.stanford.nlp.classify.LogPrior;
import edu.stanford.nlp.classify.RVFDataset;
import edu.stanford.nlp.ling.RVFDatum;
import edu.stanford.nlp.stats.ClassicCounter;
import edu.stanford.nlp.stats.Counter;
import edu.stanford.nlp.util.Index;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a multinomial logistic regression with CoreNLP's {@link LinearClassifierFactory}
 * (quasi-Newton, quadratic prior) over {@link TextFeatures} ids, and exports it to the compact
 * {@link HashedLinearModel} that serves.
 *
 * <p>CoreNLP sees each hashed feature id as the feature name (its decimal string) with its count,
 * scaled by {@link HashedLinearModel#lengthScale}, as value, and each dense feature (when the
 * trainer has {@link WordVectors}) as {@code d<index>} with its value, so the exported weights
 * reproduce CoreNLP's probabilities exactly; the strings exist only at training time.
 *
 * <p>With naive-Bayes scaling ({@link NaiveBayesScaling}) each hashed feature's value is also
 * multiplied by its bucket's scale, computed from the training examples; the export multiplies the
 * weights by the same scale, so the serving form needs no scales of its own.
 */
public final class LinearModelTrainer {
    private static final String DENSE_PREFIX = "d";
    private static final char DOMAIN_SEPARATOR = ':';

    private final TextFeatures features;
    private final double sigma;
    private final boolean naiveBayesScaling;
    private final String servingDomain;
    private final double domainCopyScale;

    /**
     * @param bucketBits log2 of the number of hash buckets
     * @param sigma standard deviation of the Gaussian prior (L2 strength; larger fits harder)
     * @param wordVectors the vectors of the dense features, or null for hashed features only
     * @param naiveBayesScaling whether hashed features are scaled by {@link NaiveBayesScaling}
     * @param servingDomain with domain-aware training, the domain the exported model serves; null
     *     to train one set of weights for every example
     * @param domainCopyScale the value of a domain's copy of a feature relative to the shared copy:
     *     below 1 its weights are held closer to 0 by the prior, so the shared copy carries what
     *     the domains have in common
     * @param language the language of the text, for its tokens and word sets
     */
    public LinearModelTrainer(
            int bucketBits,
            double sigma,
            WordVectors wordVectors,
            boolean naiveBayesScaling,
            String servingDomain,
            double domainCopyScale,
            FeatureLanguage language) {
        this.features = new TextFeatures(bucketBits, wordVectors, language);
        this.sigma = sigma;
        this.naiveBayesScaling = naiveBayesScaling;
        this.servingDomain = servingDomain;
        this.domainCopyScale = domainCopyScale;
    }

    /**
     * A trained model in both forms: CoreNLP's, and the serving form exported from it.
     *
     * @param bucketScales the naive-Bayes scale of each bucket, or null when the trainer does not
     *     scale
     */
    public record Trained(
            LinearClassifier<String, String> classifier,
            HashedLinearModel model,
            LinearModelTrainer trainer,
            double[] bucketScales) {
        /**
         * The datum the CoreNLP classifier scores for this text as the exported model serves it
         * (features scaled as in training, in the serving domain).
         */
        public RVFDatum<String, String> datum(String text, String label, FeatureBuffer buffer) {
            return trainer.datum(text, label, trainer.servingDomain, buffer, bucketScales);
        }
    }

    /**
     * @param labels the label set, in the order the exported model will use
     * @param data training examples
     * @param weights per-example weights (same length as data), or null for all 1
     */
    public Trained train(List<String> labels, List<LabelledText> data, float[] weights) {
        float[] exampleWeights = weights != null ? weights : ones(data.size());
        FeatureBuffer buffer = new FeatureBuffer();
        double[] scales =
                naiveBayesScaling ? naiveBayesScales(labels, data, exampleWeights, buffer) : null;
        RVFDataset<String, String> dataset = new RVFDataset<>();
        for (LabelledText row : data) {
            dataset.add(datum(row.text(), row.label(), row.domain(), buffer, scales));
        }
        LinearClassifier<String, String> classifier = fit(dataset, exampleWeights, sigma);
        return new Trained(classifier, export(classifier, labels, scales), this, scales);
    }

    /**
     * CoreNLP's multinomial logistic regression on {@code dataset}: quasi-Newton, tolerance 1e-4, a
     * quadratic prior of standard deviation {@code sigma}; {@code weights} per example, or null.
     */
    public static LinearClassifier<String, String> fit(
            RVFDataset<String, String> dataset, float[] weights, double sigma) {
        LinearClassifierFactory<String, String> factory = new LinearClassifierFactory<>();
        factory.setVerbose(false);
        factory.useQuasiNewton();
        factory.setTol(1e-4);
        return (LinearClassifier<String, String>)
                factory.trainClassifier(
                        dataset,
                        weights,
                        new LogPrior(LogPrior.LogPriorType.QUADRATIC, sigma, 1.0));
    }

    private double[] naiveBayesScales(
            List<String> labels, List<LabelledText> data, float[] weights, FeatureBuffer buffer) {
        List<int[]> buckets = new ArrayList<>(data.size());
        int[] classes = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            int n = features.extract(data.get(i).text(), buffer);
            buckets.add(Arrays.stream(buffer.features(), 0, n).distinct().toArray());
            classes[i] = labels.indexOf(data.get(i).label());
            if (classes[i] < 0) {
                throw new IllegalArgumentException(
                        "label '" + data.get(i).label() + "' is not one of " + labels);
            }
        }
        return NaiveBayesScaling.scales(
                buckets, classes, weights, labels.size(), features.bucketCount());
    }

    /**
     * The CoreNLP datum of one text: each feature id's decimal string, counted, length-scaled and,
     * with {@code scales}, multiplied by its bucket's scale (buckets of scale 0 are left out).
     *
     * <p>With domain-aware training each feature also appears a second time under its domain's name
     * ({@code dialogue:123}), after Daume III, "Frustratingly Easy Domain Adaptation" (2007): the
     * shared copy learns what holds in every domain, the domain's copy what holds only there. A row
     * without a domain has only the shared copy.
     */
    RVFDatum<String, String> datum(
            String text, String label, String domain, FeatureBuffer buffer, double[] scales) {
        int n = features.extract(text, buffer);
        Counter<String> counter = new ClassicCounter<>();
        String prefix = servingDomain != null && domain != null ? domain + DOMAIN_SEPARATOR : null;
        int[] ids = buffer.features();
        double value = HashedLinearModel.lengthScale(n);
        for (int i = 0; i < n; i++) {
            double scale = scales == null ? 1.0 : scales[ids[i]];
            if (scale != 0.0) {
                String name = Integer.toString(ids[i]);
                counter.incrementCount(name, value * scale);
                if (prefix != null) {
                    counter.incrementCount(prefix + name, value * scale * domainCopyScale);
                }
            }
        }
        double[] dense = buffer.dense();
        for (int k = 0; k < features.denseCount(); k++) {
            if (dense[k] != 0.0) {
                counter.setCount(DENSE_PREFIX + k, dense[k]);
                if (prefix != null) {
                    counter.setCount(prefix + DENSE_PREFIX + k, dense[k] * domainCopyScale);
                }
            }
        }
        return new RVFDatum<>(counter, label);
    }

    private HashedLinearModel export(
            LinearClassifier<String, String> classifier, List<String> labels, double[] scales) {
        Index<String> featureIndex = classifier.featureIndex();
        Index<String> labelIndex = classifier.labelIndex();
        double[][] w = classifier.weights();
        int n = labels.size();
        double[] hashed = new double[features.bucketCount() * n];
        double[] dense = features.denseCount() == 0 ? null : new double[features.denseCount() * n];
        for (int l = 0; l < n; l++) {
            int coreNlpLabel = labelIndex.indexOf(labels.get(l));
            if (coreNlpLabel < 0) {
                continue; // a label absent from the training data keeps zero weights
            }
            for (int f = 0; f < featureIndex.size(); f++) {
                String name = featureIndex.get(f);
                int separator = name.indexOf(DOMAIN_SEPARATOR);
                double copyScale = 1.0;
                if (separator >= 0) {
                    // Served weights are the shared copy plus the serving domain's copy; other
                    // domains' copies
                    // only shaped the shared one in training.
                    if (!name.regionMatches(0, servingDomain, 0, separator)
                            || separator != servingDomain.length()) {
                        continue;
                    }
                    name = name.substring(separator + 1);
                    copyScale = domainCopyScale;
                }
                if (name.startsWith(DENSE_PREFIX)) {
                    dense[Integer.parseInt(name.substring(DENSE_PREFIX.length())) * n + l] +=
                            copyScale * w[f][coreNlpLabel];
                } else {
                    int bucket = Integer.parseInt(name);
                    hashed[bucket * n + l] +=
                            copyScale
                                    * w[f][coreNlpLabel]
                                    * (scales == null ? 1.0 : scales[bucket]);
                }
            }
        }
        return new HashedLinearModel(
                labels,
                features.bucketBits(),
                hashed,
                features.wordVectors(),
                dense,
                features.language());
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        return w;
    }
}
