package dev.switchboard.models.meaning;

import dev.switchboard.models.training.LinearModelTrainer;
import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.classify.RVFDataset;
import edu.stanford.nlp.ling.RVFDatum;
import edu.stanford.nlp.stats.ClassicCounter;
import edu.stanford.nlp.util.Index;
import java.util.List;

/**
 * Trains an {@link EmbeddingHead} with CoreNLP's logistic regression ({@link
 * LinearModelTrainer#fit}, the learner of the hashed models), over each example's embedding times
 * {@link #INPUT_SCALE} (features {@code e0}...) and a constant bias feature.
 */
public final class EmbeddingHeadTrainer {
    /**
     * Prior strength and input scale of the shipped heads: on BANKING77 (5-fold, one fold first)
     * sigma 1 read 0.9295, 0.3 0.9285, 3 0.9250 with bge-small; docs/models.md has the figures.
     */
    public static final double SIGMA = 1.0;

    public static final double INPUT_SCALE = 10.0;
    private static final String BIAS = "bias";

    private final String embedder;
    private final double sigma;

    public EmbeddingHeadTrainer(String embedder, double sigma) {
        this.embedder = embedder;
        this.sigma = sigma;
    }

    /** A trained head in both forms: CoreNLP's, and the serving form exported from it. */
    public record Trained(LinearClassifier<String, String> classifier, EmbeddingHead head) {}

    /**
     * @param labels the label set, in the order the head will use
     * @param embeddings the examples' vectors
     * @param truth each example's label (same length)
     */
    public Trained train(List<String> labels, List<float[]> embeddings, List<String> truth) {
        return train(labels, embeddings, truth, null);
    }

    /**
     * @param weights each example's weight (same length), or null for all 1
     */
    public Trained train(
            List<String> labels, List<float[]> embeddings, List<String> truth, float[] weights) {
        RVFDataset<String, String> dataset = new RVFDataset<>();
        for (int i = 0; i < embeddings.size(); i++) {
            dataset.add(datum(embeddings.get(i), truth.get(i)));
        }
        LinearClassifier<String, String> classifier =
                LinearModelTrainer.fit(dataset, weights, sigma);
        int dimensions = embeddings.get(0).length;
        return new Trained(classifier, export(classifier, labels, dimensions));
    }

    /** CoreNLP's datum of one embedding, as training sees it. */
    public static RVFDatum<String, String> datum(float[] embedding, String label) {
        ClassicCounter<String> counter = new ClassicCounter<>(embedding.length + 1);
        for (int k = 0; k < embedding.length; k++) {
            counter.setCount("e" + k, embedding[k] * INPUT_SCALE);
        }
        counter.setCount(BIAS, 1.0);
        return new RVFDatum<>(counter, label);
    }

    private EmbeddingHead export(
            LinearClassifier<String, String> classifier, List<String> labels, int dimensions) {
        Index<String> featureIndex = classifier.featureIndex();
        Index<String> labelIndex = classifier.labelIndex();
        double[][] w = classifier.weights();
        int n = labels.size();
        double[] bias = new double[n];
        double[] weights = new double[n * dimensions];
        for (int l = 0; l < n; l++) {
            int coreNlpLabel = labelIndex.indexOf(labels.get(l));
            if (coreNlpLabel < 0) {
                // A label absent from the training data must never win.
                bias[l] = -50;
                continue;
            }
            for (int f = 0; f < featureIndex.size(); f++) {
                String name = featureIndex.get(f);
                if (name.equals(BIAS)) {
                    bias[l] = w[f][coreNlpLabel];
                } else {
                    weights[l * dimensions + Integer.parseInt(name.substring(1))] =
                            w[f][coreNlpLabel];
                }
            }
        }
        return new EmbeddingHead(embedder, labels, dimensions, INPUT_SCALE, bias, weights);
    }
}
