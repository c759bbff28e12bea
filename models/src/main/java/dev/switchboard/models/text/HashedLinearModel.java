package dev.switchboard.models.text;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The serving form of a multinomial logistic regression over {@link TextFeatures}: one dense {@code
 * float} array indexed by {@code bucket * labels + label}. Scoring is a sum of array reads per
 * feature id and a softmax; nothing is allocated once the caller's buffers are warm.
 *
 * <p>Immutable after construction, so one instance serves every thread. Weights are stored as
 * {@code float}: half the memory of CoreNLP's doubles, so more of them stay in cache (JMH: mean 7.2
 * us per message against 9.4 us with doubles), while the sums run in {@code double}; the
 * probabilities stay within 1e-6 of the CoreNLP classifier's (a test holds them to it).
 *
 * <p>A model may also weigh the dense features {@link TextFeatures} computes from {@link
 * WordVectors} (one more {@code float} per label and dense feature); it is then tied to the exact
 * vectors it was trained with, by their checksum.
 *
 * <p>File format (gzip): magic, format version, feature-extractor version, bucket bits, labels, the
 * count of dense features (0 or {@link TextFeatures#DENSE_FEATURES}) and, when not 0, the word
 * vectors' checksum; the count of non-zero buckets, then for each its index and one weight per
 * label; then the dense weights. Nothing time-dependent is written, so the same training run gives
 * the same bytes. Format 2 files (no dense part) still load. A model of another language than
 * English is format 4: the language's code follows the labels. English models stay format 3, so
 * that a model written before languages existed keeps its bytes, and so its version.
 */
public final class HashedLinearModel {
    private static final int MAGIC = 0x5357424D; // "SWBM"
    private static final int FORMAT_WITH_LANGUAGE = 4;
    private static final int FORMAT_VERSION = 3;
    private static final int FORMAT_WITHOUT_DENSE = 2;

    /**
     * Bumped whenever {@link TextFeatures} changes what it emits; old model files are then refused.
     */
    public static final int FEATURE_VERSION = 1;

    private final String[] labels;
    private final TextFeatures features;
    private final float[] weights;
    private final float[] denseWeights;

    /**
     * @param wordVectors the vectors behind the dense features, or null for hashed features only
     * @param denseWeights {@code DENSE_FEATURES * labels} weights indexed {@code feature * labels +
     *     label}; null exactly when {@code wordVectors} is
     */
    public HashedLinearModel(
            List<String> labels,
            int bucketBits,
            double[] weights,
            WordVectors wordVectors,
            double[] denseWeights) {
        this(labels, bucketBits, weights, wordVectors, denseWeights, FeatureLanguage.ENGLISH);
    }

    /** A model of {@code language}'s text. */
    public HashedLinearModel(
            List<String> labels,
            int bucketBits,
            double[] weights,
            WordVectors wordVectors,
            double[] denseWeights,
            FeatureLanguage language) {
        this.labels = labels.toArray(new String[0]);
        this.features = new TextFeatures(bucketBits, wordVectors, language);
        if (weights.length != features.bucketCount() * this.labels.length) {
            throw new IllegalArgumentException(
                    "expected "
                            + features.bucketCount() * this.labels.length
                            + " weights, got "
                            + weights.length);
        }
        int denseLength = features.denseCount() * this.labels.length;
        if ((denseWeights == null ? 0 : denseWeights.length) != denseLength) {
            throw new IllegalArgumentException("expected " + denseLength + " dense weights");
        }
        this.weights = toFloats(weights);
        this.denseWeights = denseWeights == null ? new float[0] : toFloats(denseWeights);
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /**
     * The same model with every weight divided by {@code temperature}: the logits are divided by
     * it, which makes probabilities less (t > 1) or more (t < 1) confident and changes no
     * prediction's label. Calibration folds into the weights this way, so it costs nothing at
     * serving.
     */
    public HashedLinearModel withTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "temperature must be positive and finite, was " + temperature);
        }
        double[] hashed = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            hashed[i] = weights[i] / temperature;
        }
        double[] dense = null;
        if (features.denseCount() > 0) {
            dense = new double[denseWeights.length];
            for (int i = 0; i < denseWeights.length; i++) {
                dense[i] = denseWeights[i] / temperature;
            }
        }
        return new HashedLinearModel(
                List.of(labels),
                features.bucketBits(),
                hashed,
                features.wordVectors(),
                dense,
                features.language());
    }

    /** The language of the text the model reads. */
    public FeatureLanguage language() {
        return features.language();
    }

    public List<String> labels() {
        return List.of(labels);
    }

    public int labelCount() {
        return labels.length;
    }

    public TextFeatures features() {
        return features;
    }

    /**
     * Writes the probability of each label (in {@link #labels()} order) for {@code text} into
     * {@code probabilities}, using {@code buffer} as scratch.
     */
    public void probabilities(CharSequence text, FeatureBuffer buffer, double[] probabilities) {
        int count = features.extract(text, buffer);
        int[] ids = buffer.features;
        int n = labels.length;
        Arrays.fill(probabilities, 0, n, 0.0);
        for (int i = 0; i < count; i++) {
            int base = ids[i] * n;
            for (int l = 0; l < n; l++) {
                probabilities[l] += weights[base + l];
            }
        }
        double scale = lengthScale(count);
        for (int l = 0; l < n; l++) {
            probabilities[l] *= scale;
        }
        if (denseWeights.length > 0) {
            double[] dense = buffer.dense;
            for (int k = 0; k < TextFeatures.DENSE_FEATURES; k++) {
                double v = dense[k];
                if (v != 0.0) {
                    int base = k * n;
                    for (int l = 0; l < n; l++) {
                        probabilities[l] += v * denseWeights[base + l];
                    }
                }
            }
        }
        softmaxInPlace(probabilities, n);
    }

    /**
     * Every feature's value is its count times {@code 1/sqrt(number of feature ids)}, in training
     * and here: long messages would otherwise out-shout short ones (cross-validation: +0.5 to 1
     * point of accuracy). Folding the scale into the sum keeps scoring one pass over the ids.
     */
    public static double lengthScale(int featureCount) {
        return 1.0 / Math.sqrt(featureCount);
    }

    private static void softmaxInPlace(double[] scores, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < n; l++) {
            max = Math.max(max, scores[l]);
        }
        double sum = 0;
        for (int l = 0; l < n; l++) {
            scores[l] = Math.exp(scores[l] - max);
            sum += scores[l];
        }
        for (int l = 0; l < n; l++) {
            scores[l] /= sum;
        }
    }

    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(gzip));
        boolean english = features.language() == FeatureLanguage.ENGLISH;
        data.writeInt(MAGIC);
        data.writeInt(english ? FORMAT_VERSION : FORMAT_WITH_LANGUAGE);
        data.writeInt(FEATURE_VERSION);
        data.writeInt(features.bucketBits());
        data.writeInt(labels.length);
        for (String label : labels) {
            data.writeUTF(label);
        }
        if (!english) {
            data.writeUTF(features.language().code());
        }
        data.writeInt(features.denseCount());
        if (features.denseCount() > 0) {
            data.writeLong(features.wordVectors().checksum());
        }
        int n = labels.length;
        int buckets = features.bucketCount();
        int nonZero = 0;
        for (int b = 0; b < buckets; b++) {
            if (!isZeroBucket(b)) {
                nonZero++;
            }
        }
        data.writeInt(nonZero);
        for (int b = 0; b < buckets; b++) {
            if (!isZeroBucket(b)) {
                data.writeInt(b);
                for (int l = 0; l < n; l++) {
                    data.writeFloat(weights[b * n + l]);
                }
            }
        }
        for (float w : denseWeights) {
            data.writeFloat(w);
        }
        data.flush();
        gzip.finish();
    }

    private boolean isZeroBucket(int bucket) {
        int n = labels.length;
        for (int l = 0; l < n; l++) {
            if (weights[bucket * n + l] != 0.0f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a model written by {@link #write}; refuses other files with a message that says why. A
     * model with dense features is bound to the {@link WordVectors#shipped() shipped word vectors}.
     */
    public static HashedLinearModel read(InputStream in) throws IOException {
        DataInputStream data =
                new DataInputStream(new BufferedInputStream(new GZIPInputStream(in), 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a Switchboard model file (bad magic number)");
        }
        int format = data.readInt();
        if (format != FORMAT_WITH_LANGUAGE
                && format != FORMAT_VERSION
                && format != FORMAT_WITHOUT_DENSE) {
            throw new IOException("unsupported model format version " + format);
        }
        int featureVersion = data.readInt();
        if (featureVersion != FEATURE_VERSION) {
            throw new IOException(
                    "model was trained with feature version "
                            + featureVersion
                            + " but this build extracts version "
                            + FEATURE_VERSION
                            + "; retrain it");
        }
        int bucketBits = data.readInt();
        int labelCount = data.readInt();
        String[] labels = new String[labelCount];
        for (int l = 0; l < labelCount; l++) {
            labels[l] = data.readUTF();
        }
        FeatureLanguage language = FeatureLanguage.ENGLISH;
        if (format == FORMAT_WITH_LANGUAGE) {
            String code = data.readUTF();
            try {
                language = FeatureLanguage.of(code);
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        "model is for language '" + code + "', which this build does not read", e);
            }
        }
        int denseCount = format == FORMAT_WITHOUT_DENSE ? 0 : data.readInt();
        WordVectors wordVectors = null;
        if (denseCount != 0) {
            if (denseCount != TextFeatures.DENSE_FEATURES) {
                throw new IOException(
                        "model has "
                                + denseCount
                                + " dense features, this build computes "
                                + TextFeatures.DENSE_FEATURES
                                + "; retrain it");
            }
            long checksum = data.readLong();
            wordVectors = WordVectors.shipped();
            if (wordVectors.checksum() != checksum) {
                throw new IOException(
                        "model was trained with other word vectors (checksum "
                                + Long.toHexString(checksum)
                                + ", shipped "
                                + Long.toHexString(wordVectors.checksum())
                                + "); retrain it");
            }
        }
        double[] weights = new double[(1 << bucketBits) * labelCount];
        int nonZero = data.readInt();
        for (int i = 0; i < nonZero; i++) {
            int bucket = data.readInt();
            for (int l = 0; l < labelCount; l++) {
                weights[bucket * labelCount + l] = data.readFloat();
            }
        }
        double[] denseWeights = null;
        if (wordVectors != null) {
            denseWeights = new double[denseCount * labelCount];
            for (int i = 0; i < denseWeights.length; i++) {
                denseWeights[i] = data.readFloat();
            }
        }
        return new HashedLinearModel(
                List.of(labels), bucketBits, weights, wordVectors, denseWeights, language);
    }
}
