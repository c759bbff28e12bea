package dev.switchboard.models.meaning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Says how likely the second opinion ({@link SentimentSecondOpinion}) is to change the fast model's
 * label of a message, before the network is asked: a logistic regression over the message's hashed
 * unigrams and bigrams, each weighted per label the fast model gave (its errors differ by label),
 * and over the fast model's distribution and the message's length. It costs about what the fast
 * model does, so the job can ask the network only where a change is likely: on held-out dialogue
 * (MELD dev) the messages it ranks first gain as much from the network as re-scoring every message
 * does, where the fast model's own doubt finds few of them (docs/models.md).
 *
 * <p>The shipped one is trained by {@code experiments/second-opinion-finetune/ship_selector.py} on
 * the dialogue rows of the sentiment recipe, to predict where the two models, each reading rows it
 * was not trained on, disagree; it needs no labels of its own. It reads a message as that script
 * does: lower-cased, cut into runs of {@code [a-z0-9']} and the marks {@code ? ! . ,}, framed by
 * {@code <s>} and {@code </s>}, each distinct gram hashed by CRC-32 of its bytes (a letter whose
 * lower case Java and Python write differently, such as the dotted capital I, may cut a word
 * differently; the reference messages cover the rest). {@link SecondOpinionSelectorTrainer} fits
 * one to a deployment's own messages. Thread-safe and immutable.
 */
public final class SecondOpinionSelector {
    /** The shipped selector, for the shipped English model and second opinion. */
    public static final String RESOURCE =
            "/dev/switchboard/models/sentiment/second-opinion-selector.gz";

    private static final String MAGIC = "switchboard-second-opinion-selector";
    private static final int FORMAT = 1;
    static final int NUMBERS = 9;
    static final int LABELS = 3;

    private static final byte[] START = "<s>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "</s>".getBytes(StandardCharsets.US_ASCII);

    private static volatile SecondOpinionSelector shipped;
    private static final Map<String, SecondOpinionSelector> FILES = new ConcurrentHashMap<>();

    private final int buckets;
    private final float[] gramWeights;
    private final double[] mean;
    private final double[] scale;
    private final double[] linear;
    private final double bias;

    /**
     * A selector from its weights, which it keeps (the reader and {@link
     * SecondOpinionSelectorTrainer} hand over arrays of their own).
     *
     * @param gramWeights {@code buckets * 3} weights: bucket {@code b}'s for the fast label {@code
     *     l} (0 negative, 1 neutral, 2 positive) at {@code b * 3 + l}
     * @param mean the numbers' means, subtracted before {@code linear} reads them
     * @param scale the numbers' scales, divided by
     */
    SecondOpinionSelector(
            int buckets,
            float[] gramWeights,
            double[] mean,
            double[] scale,
            double[] linear,
            double bias) {
        if (gramWeights.length != buckets * LABELS
                || mean.length != NUMBERS
                || scale.length != NUMBERS
                || linear.length != NUMBERS) {
            throw new IllegalArgumentException("selector weights of the wrong size");
        }
        this.buckets = buckets;
        this.gramWeights = gramWeights;
        this.mean = mean;
        this.scale = scale;
        this.linear = linear;
        this.bias = bias;
    }

    /** The shipped selector, loaded once per class loader (3 MB of weights). */
    public static SecondOpinionSelector shipped() {
        SecondOpinionSelector s = shipped;
        if (s == null) {
            synchronized (SecondOpinionSelector.class) {
                s = shipped;
                if (s == null) {
                    try (InputStream in =
                            SecondOpinionSelector.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IOException(RESOURCE + " is not on the class path");
                        }
                        s = read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "cannot read the second-opinion selector", e);
                    }
                    shipped = s;
                }
            }
        }
        return s;
    }

    /**
     * A selector file, read once per class loader (one per TaskManager) and shared by the operators
     * that ask for the same path.
     *
     * @throws UncheckedIOException when the file cannot be read as a selector
     */
    public static SecondOpinionSelector load(String file) {
        return FILES.computeIfAbsent(
                file,
                f -> {
                    try {
                        return read(Path.of(f));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Reads a selector file as {@link #write} and {@code ship_selector.py} write it. */
    public static SecondOpinionSelector read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "cannot read the second-opinion selector " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes this selector as {@code ship_selector.py} does (gzip, tab-separated lines; only the
     * buckets with a weight), so that {@link #read} gives the same probabilities back.
     */
    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out);
        Writer w = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
        w.write(MAGIC + "\t" + FORMAT + "\n");
        w.write("buckets\t" + buckets + "\n");
        w.write("mean" + joined(mean) + "\n");
        w.write("scale" + joined(scale) + "\n");
        w.write("linear" + joined(linear) + "\t" + bias + "\n");
        int used = 0;
        for (int b = 0; b < buckets; b++) {
            used += usedBucket(b) ? 1 : 0;
        }
        w.write("grams\t" + used + "\n");
        for (int b = 0; b < buckets; b++) {
            if (usedBucket(b)) {
                w.write(Integer.toString(b));
                for (int l = 0; l < LABELS; l++) {
                    w.write("\t" + gramWeights[b * LABELS + l]);
                }
                w.write("\n");
            }
        }
        w.flush();
        gzip.finish();
    }

    private boolean usedBucket(int b) {
        for (int l = 0; l < LABELS; l++) {
            if (gramWeights[b * LABELS + l] != 0f) {
                return true;
            }
        }
        return false;
    }

    private static String joined(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append('\t').append(v);
        }
        return s.toString();
    }

    /**
     * Reads a selector as {@code ship_selector.py} writes it (gzip, tab-separated lines).
     *
     * @throws IOException when the stream is not a selector of this format
     */
    public static SecondOpinionSelector read(InputStream gzipped) throws IOException {
        BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(gzipped), StandardCharsets.UTF_8));
        String[] header = fields(in, MAGIC, 1);
        if (Integer.parseInt(header[1]) != FORMAT) {
            throw new IOException("selector format " + header[1] + ", this build reads " + FORMAT);
        }
        int buckets = Integer.parseInt(fields(in, "buckets", 1)[1]);
        if (buckets < 1 || buckets > (1 << 24)) {
            throw new IOException("selector buckets out of range: " + buckets);
        }
        double[] mean = numbers(fields(in, "mean", NUMBERS), NUMBERS);
        double[] scale = numbers(fields(in, "scale", NUMBERS), NUMBERS);
        double[] linearAndBias = numbers(fields(in, "linear", NUMBERS + 1), NUMBERS + 1);
        int grams = Integer.parseInt(fields(in, "grams", 1)[1]);
        float[] weights = new float[buckets * LABELS];
        for (int g = 0; g < grams; g++) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("selector ends after " + g + " of " + grams + " grams");
            }
            String[] f = line.split("\t");
            if (f.length != 1 + LABELS) {
                throw new IOException(
                        "selector gram line " + (g + 1) + " has " + f.length + " fields");
            }
            int bucket = Integer.parseInt(f[0]);
            if (bucket < 0 || bucket >= buckets) {
                throw new IOException("selector gram bucket out of range: " + bucket);
            }
            for (int l = 0; l < LABELS; l++) {
                weights[bucket * LABELS + l] = Float.parseFloat(f[1 + l]);
            }
        }
        return new SecondOpinionSelector(
                buckets,
                weights,
                mean,
                scale,
                Arrays.copyOf(linearAndBias, NUMBERS),
                linearAndBias[NUMBERS]);
    }

    /**
     * The probability that the second opinion would change the fast model's label of {@code text},
     * given the fast model's distribution {@code negative, neutral, positive} (as {@link
     * SentimentSecondOpinion#fastProbabilities} recovers it from a score).
     */
    public double changeProbability(
            CharSequence text, double negative, double neutral, double positive) {
        int label = fastLabel(negative, neutral, positive);
        Grams grams = GRAMS.get();
        double[] x = grams.numbers;
        numbers(text, negative, neutral, positive, x);
        double logit = bias;
        for (int i = 0; i < NUMBERS; i++) {
            logit += linear[i] * (x[i] - mean[i]) / scale[i];
        }
        int n = grams.read(text); // may grow the buffers: take them after
        int[] hashes = grams.hashes;
        for (int g = 0; g < n; g++) {
            logit += gramWeights[bucket(hashes[g], buckets) * LABELS + label];
        }
        return 1 / (1 + Math.exp(-logit));
    }

    /** The fast model's label: 0 negative, 1 neutral, 2 positive (ties to the first). */
    static int fastLabel(double negative, double neutral, double positive) {
        return negative >= neutral && negative >= positive ? 0 : neutral >= positive ? 1 : 2;
    }

    /**
     * What the fast model says of a message and its length, as the selector reads them before
     * standardising: the three probabilities, the top one, its margin over the second, the label as
     * three indicators, and the log of one plus the message's words.
     */
    static double[] numbers(CharSequence text, double negative, double neutral, double positive) {
        double[] x = new double[NUMBERS];
        numbers(text, negative, neutral, positive, x);
        return x;
    }

    private static void numbers(
            CharSequence text, double negative, double neutral, double positive, double[] x) {
        int label = fastLabel(negative, neutral, positive);
        double top = Math.max(negative, Math.max(neutral, positive));
        double bottom = Math.min(negative, Math.min(neutral, positive));
        double second = negative + neutral + positive - top - bottom;
        x[0] = negative;
        x[1] = neutral;
        x[2] = positive;
        x[3] = top;
        x[4] = top - second;
        x[5] = label == 0 ? 1 : 0;
        x[6] = label == 1 ? 1 : 0;
        x[7] = label == 2 ? 1 : 0;
        x[8] = Math.log(1 + whitespaceWords(text));
    }

    /** The bucket of a gram's CRC-32, as the script takes it: unsigned, modulo the buckets. */
    static int bucket(int hash, int buckets) {
        return (int) (Integer.toUnsignedLong(hash) % buckets);
    }

    /**
     * The CRC-32 of each distinct unigram and bigram of the message, {@code <s>} and {@code </s>}
     * included, sorted. Grams are told apart by their hash: two distinct grams of one message with
     * the same 32 bits would count once here and twice in training, which is too rare to matter.
     */
    static int[] distinctGramHashes(CharSequence text) {
        Grams grams = GRAMS.get();
        return Arrays.copyOf(grams.hashes, grams.read(text));
    }

    /**
     * One thread's buffers for reading a message's grams, grown to the longest message it has read,
     * so that the per-message path allocates nothing once warm (the job's operators share one
     * selector across their threads).
     */
    private static final ThreadLocal<Grams> GRAMS = ThreadLocal.withInitial(Grams::new);

    private static final class Grams {
        final CRC32 crc = new CRC32();
        final double[] numbers = new double[NUMBERS];
        byte[] bytes = new byte[0];
        int[] starts = new int[0];
        int[] ends = new int[0];
        int[] hashes = new int[0];

        /** Reads {@code text}'s distinct gram hashes, sorted, into {@link #hashes}; their count. */
        int read(CharSequence text) {
            if (starts.length < text.length() + 2) {
                bytes = new byte[2 * text.length() + 9];
                starts = new int[text.length() + 2];
                ends = new int[text.length() + 2];
                hashes = new int[2 * text.length() + 3];
            }
            // The grams' bytes, one space apart ("<s> ok ? </s>"), so that a bigram is the run from
            // its first token's start to its second's end, and CRC-32 reads it in place.
            int length = put(bytes, 0, START);
            ends[0] = length;
            int tokens = 1;
            boolean inWord = false;
            for (int i = 0; i < text.length(); ) {
                int cp = Character.codePointAt(text, i);
                i += Character.charCount(cp);
                int c = Character.toLowerCase(cp);
                boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
                if (inWord && !word) {
                    ends[tokens++] = length;
                    inWord = false;
                }
                if (word) {
                    if (!inWord) {
                        bytes[length++] = ' ';
                        starts[tokens] = length;
                        inWord = true;
                    }
                    bytes[length++] = (byte) c;
                } else if (c == '?' || c == '!' || c == '.' || c == ',') {
                    bytes[length++] = ' ';
                    starts[tokens] = length;
                    bytes[length++] = (byte) c;
                    ends[tokens++] = length;
                }
            }
            if (inWord) {
                ends[tokens++] = length;
            }
            bytes[length++] = ' ';
            starts[tokens] = length;
            length = put(bytes, length, END);
            ends[tokens++] = length;

            int n = 2 * tokens - 1;
            for (int t = 0; t < tokens; t++) {
                crc.reset();
                crc.update(bytes, starts[t], ends[t] - starts[t]);
                hashes[t] = (int) crc.getValue();
                if (t + 1 < tokens) {
                    // The bigram's CRC goes on from its first token's: the space, then the second.
                    crc.update(bytes, ends[t], ends[t + 1] - ends[t]);
                    hashes[tokens + t] = (int) crc.getValue();
                }
            }
            Arrays.sort(hashes, 0, n);
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || hashes[i] != hashes[i - 1]) {
                    hashes[distinct++] = hashes[i];
                }
            }
            return distinct;
        }
    }

    private static int put(byte[] bytes, int at, byte[] gram) {
        System.arraycopy(gram, 0, bytes, at, gram.length);
        return at + gram.length;
    }

    /** Words as Python's {@code str.split()} counts them: runs between whitespace. */
    static int whitespaceWords(CharSequence text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private static String[] fields(BufferedReader in, String name, int values) throws IOException {
        String line = in.readLine();
        String[] f = line == null ? new String[0] : line.split("\t");
        if (f.length != 1 + values || !f[0].equals(name)) {
            throw new IOException(
                    "selector: expected a '"
                            + name
                            + "' line with "
                            + values
                            + " values, got "
                            + line);
        }
        return f;
    }

    private static double[] numbers(String[] fields, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Double.parseDouble(fields[1 + i]);
        }
        return v;
    }
}
