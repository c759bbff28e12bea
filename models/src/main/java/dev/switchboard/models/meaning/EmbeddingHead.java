package dev.switchboard.models.meaning;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A multinomial logistic regression over a {@link SentenceEmbedder}'s vectors: one weight per
 * dimension and label and one bias per label, trained with CoreNLP ({@link EmbeddingHeadTrainer})
 * and served from this compact form. Immutable, so one instance serves every thread.
 *
 * <p>The vector is multiplied by {@link #inputScale()} before the weights, as in training: unit
 * vectors have components near 0.05, and the scale puts them where CoreNLP's Gaussian prior is
 * meant to act.
 *
 * <p>File format (gzip): magic, format version, the embedder's name (a head reads only its own
 * embedder's vectors), dimensions, input scale, labels, then per label its bias and weights.
 * Nothing time-dependent is written; the version is the first 12 hex digits of the file's SHA-256.
 */
public final class EmbeddingHead {
    private static final int MAGIC = 0x53574248; // "SWBH"
    private static final int FORMAT = 1;

    private final String embedder;
    private final String[] labels;
    private final int dimensions;
    private final double inputScale;
    private final float[] bias;
    private final float[] weights; // label * dimensions + k

    /**
     * @param weights {@code labels * dimensions} weights indexed {@code label * dimensions + k}
     */
    public EmbeddingHead(
            String embedder,
            List<String> labels,
            int dimensions,
            double inputScale,
            double[] bias,
            double[] weights) {
        if (bias.length != labels.size() || weights.length != labels.size() * dimensions) {
            throw new IllegalArgumentException(
                    "expected "
                            + labels.size()
                            + " biases and "
                            + labels.size() * dimensions
                            + " weights");
        }
        this.embedder = embedder;
        this.labels = labels.toArray(new String[0]);
        this.dimensions = dimensions;
        this.inputScale = inputScale;
        this.bias = toFloats(bias);
        this.weights = toFloats(weights);
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The name of the {@link SentenceEmbedder.Spec} whose vectors this head reads. */
    public String embedder() {
        return embedder;
    }

    /**
     * @throws IllegalArgumentException when this head reads another embedder's vectors than {@code
     *     embedder}'s
     */
    public void requireReads(SentenceEmbedder embedder) {
        if (!this.embedder.equals(embedder.spec().name())) {
            throw new IllegalArgumentException(
                    "the head reads "
                            + this.embedder
                            + " vectors, not "
                            + embedder.spec().name()
                            + "'s");
        }
    }

    public List<String> labels() {
        return List.of(labels);
    }

    public int dimensions() {
        return dimensions;
    }

    public double inputScale() {
        return inputScale;
    }

    /**
     * Writes the natural logarithm of each label's probability (in {@link #labels()} order) for
     * {@code embedding} into {@code out}.
     */
    public void logProbabilities(float[] embedding, double[] out) {
        if (embedding.length != dimensions) {
            throw new IllegalArgumentException(
                    "expected a vector of " + dimensions + " dimensions, got " + embedding.length);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < labels.length; l++) {
            double sum = 0;
            int base = l * dimensions;
            for (int k = 0; k < dimensions; k++) {
                sum += weights[base + k] * embedding[k];
            }
            out[l] = bias[l] + inputScale * sum;
            max = Math.max(max, out[l]);
        }
        double z = 0;
        for (int l = 0; l < labels.length; l++) {
            z += Math.exp(out[l] - max);
        }
        double logZ = max + Math.log(z);
        for (int l = 0; l < labels.length; l++) {
            out[l] -= logZ;
        }
    }

    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(gzip);
        data.writeInt(MAGIC);
        data.writeInt(FORMAT);
        data.writeUTF(embedder);
        data.writeInt(dimensions);
        data.writeDouble(inputScale);
        data.writeInt(labels.length);
        for (String label : labels) {
            data.writeUTF(label);
        }
        for (int l = 0; l < labels.length; l++) {
            data.writeFloat(bias[l]);
            for (int k = 0; k < dimensions; k++) {
                data.writeFloat(weights[l * dimensions + k]);
            }
        }
        data.flush();
        gzip.finish();
    }

    /** A head and the version of its bytes. */
    public record Versioned(EmbeddingHead head, String version) {}

    /** Reads a head file's bytes. */
    public static Versioned read(byte[] bytes) throws IOException {
        DataInputStream data =
                new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)));
        if (data.readInt() != MAGIC) {
            throw new IOException("not an embedding head file");
        }
        int format = data.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown embedding head format " + format);
        }
        String embedder = data.readUTF();
        int dimensions = data.readInt();
        double inputScale = data.readDouble();
        int n = data.readInt();
        if (dimensions <= 0 || dimensions > 65_536 || n <= 0 || n > 100_000) {
            throw new IOException("corrupt embedding head: " + n + " labels, " + dimensions);
        }
        String[] labels = new String[n];
        for (int l = 0; l < n; l++) {
            labels[l] = data.readUTF();
        }
        double[] bias = new double[n];
        double[] weights = new double[n * dimensions];
        for (int l = 0; l < n; l++) {
            bias[l] = data.readFloat();
            for (int k = 0; k < dimensions; k++) {
                weights[l * dimensions + k] = data.readFloat();
            }
        }
        return new Versioned(
                new EmbeddingHead(embedder, List.of(labels), dimensions, inputScale, bias, weights),
                dev.switchboard.models.text.VersionedModel.version(bytes));
    }

    /** Reads a head from the class path. */
    public static Versioned resource(String name) throws IOException {
        try (InputStream in = EmbeddingHead.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("embedding head " + name + " is missing from the classpath");
            }
            return read(in.readAllBytes());
        }
    }
}
