package dev.switchboard.models.training;

import dev.switchboard.models.text.FeatureLanguage;
import dev.switchboard.models.text.WordVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that determines a trained model besides the data: labels, hash size, prior strength,
 * class balancing and how much supplementary examples weigh against primary ones. Training is
 * deterministic: the same recipe and rows give the same weights.
 *
 * @param bucketBits log2 of the number of feature hash buckets
 * @param sigma standard deviation of the Gaussian prior (smaller regularises harder)
 * @param supplementaryWeight weight of each supplementary example relative to a primary one
 * @param classBalance exponent of the per-class weights, see {@link #classWeights}
 * @param wordVectors whether the model also weighs the dense features of the {@link
 *     WordVectors#shipped() shipped word vectors}
 * @param naiveBayesScaling whether hashed features are scaled by their {@link NaiveBayesScaling}
 *     log-count ratios before the regression
 * @param servingDomain with domain-aware training (see {@link LinearModelTrainer}), the domain the
 *     exported model serves; null trains one set of weights for every domain
 * @param domainCopyScale the value of a domain's copy of a feature relative to the shared one
 * @param language the ISO 639-1 code of the text's language ({@link FeatureLanguage#CODES})
 */
public record TrainingRecipe(
        List<String> labels,
        int bucketBits,
        double sigma,
        float supplementaryWeight,
        double classBalance,
        boolean wordVectors,
        boolean naiveBayesScaling,
        String servingDomain,
        double domainCopyScale,
        String language) {
    /**
     * The recipe of the shipped sentiment model; docs/models.md says how it was chosen. One set of
     * weights for tweets and dialogue: serving the dialogue domain's copy (domain-aware training)
     * read conversations slightly better but tweets far worse (airline accuracy 0.42 to 0.60
     * against 0.80), and the shipped model must read both.
     */
    public static final TrainingRecipe SENTIMENT =
            new TrainingRecipe(
                    List.of("negative", "neutral", "positive"),
                    18,
                    3.0,
                    0.1f,
                    0.6,
                    true,
                    true,
                    null,
                    1.0,
                    "en");

    /**
     * The recipe of the shipped sentiment model of {@code language}: {@link #SENTIMENT} for
     * English; for the other languages of {@link FeatureLanguage#CODES} the same without the
     * (English) word vectors. docs/models.md has the cross-validated figures behind it.
     */
    public static TrainingRecipe sentiment(String language) {
        FeatureLanguage.of(language);
        if (language.equals("en")) {
            return SENTIMENT;
        }
        return new TrainingRecipe(
                SENTIMENT.labels,
                SENTIMENT.bucketBits,
                SENTIMENT.sigma,
                SENTIMENT.supplementaryWeight,
                SENTIMENT.classBalance,
                false,
                SENTIMENT.naiveBayesScaling,
                null,
                1.0,
                language);
    }

    /**
     * The recipe of the shipped intent models ({@code banking77}, {@code customer-service}): 2^15
     * buckets (77 labels x 2^15 floats is 10 MB in memory; 2^16 and 2^18 cross-validated no
     * better), classes as the data has them (both sets are nearly balanced), no word vectors and no
     * naive-Bayes scaling (neither cross-validated better on BANKING77). docs/models.md has the
     * figures behind these choices.
     */
    public static TrainingRecipe intents(List<String> labels) {
        return new TrainingRecipe(
                List.copyOf(labels),
                INTENT_BUCKET_BITS,
                INTENT_SIGMA,
                0f,
                0.0,
                false,
                false,
                null,
                1.0,
                "en");
    }

    /** This recipe serving another domain (null: no domain-aware training). */
    public TrainingRecipe withServingDomain(String domain, double copyScale) {
        return new TrainingRecipe(
                labels,
                bucketBits,
                sigma,
                supplementaryWeight,
                classBalance,
                wordVectors,
                naiveBayesScaling,
                domain,
                copyScale,
                language);
    }

    public static final int INTENT_BUCKET_BITS = 15;
    public static final double INTENT_SIGMA = 10.0;

    public LinearModelTrainer.Trained train(
            List<LabelledText> primary, List<LabelledText> supplementary) {
        List<LabelledText> all = new ArrayList<>(primary.size() + supplementary.size());
        all.addAll(primary);
        all.addAll(supplementary);
        return trainer().train(labels, all, exampleWeights(primary, supplementary));
    }

    /**
     * The training weight of each row, primary rows first, then supplementary ones, as {@link
     * #train} gives them: the same weights train the meaning tier's heads.
     */
    public float[] exampleWeights(List<LabelledText> primary, List<LabelledText> supplementary) {
        List<LabelledText> all = new ArrayList<>(primary.size() + supplementary.size());
        all.addAll(primary);
        all.addAll(supplementary);
        // Each primary set is balanced on its own classes (tweets are mostly complaints, dialogue
        // turns mostly neutral); supplementary rows take the weights of all primary rows (times
        // their own weight), so they cannot shift the primary classes.
        Map<String, List<LabelledText>> bySource = new HashMap<>();
        for (LabelledText row : primary) {
            bySource.computeIfAbsent(String.valueOf(row.source()), s -> new ArrayList<>()).add(row);
        }
        Map<String, double[]> sourceClassWeight = new HashMap<>();
        bySource.forEach((source, rows) -> sourceClassWeight.put(source, classWeights(rows)));
        double[] pooled = classWeights(primary);
        float[] weights = new float[all.size()];
        for (int i = 0; i < all.size(); i++) {
            LabelledText row = all.get(i);
            int label = labels.indexOf(row.label());
            weights[i] =
                    i < primary.size()
                            ? (float)
                                    (row.weight()
                                            * sourceClassWeight
                                                    .get(String.valueOf(row.source()))[label])
                            : (float) (supplementaryWeight * row.weight() * pooled[label]);
        }
        return weights;
    }

    /** The trainer this recipe describes (features, prior). */
    public LinearModelTrainer trainer() {
        return new LinearModelTrainer(
                bucketBits,
                sigma,
                wordVectors ? WordVectors.shipped() : null,
                naiveBayesScaling,
                servingDomain,
                domainCopyScale,
                FeatureLanguage.of(language));
    }

    /**
     * Per-class example weights {@code (n / (k * n_c))^classBalance}: 0 keeps the classes as the
     * data has them, 1 weighs them as if balanced. Without it the rare classes (neutral, positive)
     * lose to the majority and macro-F1 suffers.
     */
    private double[] classWeights(List<LabelledText> rows) {
        int k = labels.size();
        int[] counts = new int[k];
        for (LabelledText row : rows) {
            int c = labels.indexOf(row.label());
            if (c < 0) {
                throw new IllegalArgumentException(
                        "label '" + row.label() + "' is not one of " + labels);
            }
            counts[c]++;
        }
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] =
                    counts[c] == 0
                            ? 1.0
                            : Math.pow((double) rows.size() / (k * counts[c]), classBalance);
        }
        return w;
    }
}
