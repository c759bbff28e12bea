package dev.switchboard.models.training;

import dev.switchboard.models.text.TextFeatures;
import dev.switchboard.models.text.TokenHashes;
import dev.switchboard.models.text.WordVectors;
import edu.stanford.nlp.neural.Embedding;
import edu.stanford.nlp.neural.NeuralUtils;
import edu.stanford.nlp.sentiment.SentimentModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ejml.simple.SimpleMatrix;

/**
 * Converts two parts of Stanford CoreNLP's English models jar into the compact {@link WordVectors}
 * file the sentiment model reads: the 50-dimensional word embeddings of CoreNLP's neural
 * coreference system ({@value #EMBEDDINGS_ENTRY}) and, per word, the sentiment the RNTN model
 * ({@value #SENTIMENT_ENTRY}) gives the word on its own.
 *
 * <p>The jar is opened as a zip file, not put on the classpath, so the default build never needs
 * it. Words are normalised as {@link TextFeatures} normalises tokens (lower case, digits to {@code
 * 0}); words it can never produce as one token (starting with an apostrophe, containing spaces or
 * punctuation) are left out. The output depends only on the input jar: entries sorted by word, one
 * quantisation scale.
 */
public final class WordVectorsBuilder {
    static final String EMBEDDINGS_ENTRY =
            "edu/stanford/nlp/models/coref/neural/english-embeddings.ser.gz";
    static final String SENTIMENT_ENTRY = "edu/stanford/nlp/models/sentiment/sentiment.ser.gz";

    /** RNTN classes, very negative to very positive, as a polarity in [-1, 1]. */
    private static final double[] CLASS_POLARITY = {-1.0, -0.5, 0.0, 0.5, 1.0};

    private WordVectorsBuilder() {}

    public static WordVectors build(Path coreNlpModelsJar) throws IOException {
        if (!Files.isReadable(coreNlpModelsJar)) {
            throw new IllegalArgumentException(
                    "cannot read CoreNLP models jar " + coreNlpModelsJar);
        }
        Embedding embedding;
        SentimentModel rntn;
        try (ZipFile jar = new ZipFile(coreNlpModelsJar.toFile())) {
            embedding = (Embedding) readEntry(jar, EMBEDDINGS_ENTRY);
            rntn = (SentimentModel) readEntry(jar, SENTIMENT_ENTRY);
        }
        // Where several spellings normalise to one word, the one already in normal form wins.
        Map<String, double[]> vectors = new TreeMap<>();
        Map<String, Double> polarity = new TreeMap<>();
        for (String key : new TreeSet<>(embedding.keySet())) {
            String word = normalise(key);
            if (word != null && (!vectors.containsKey(word) || word.equals(key))) {
                vectors.put(word, embedding.get(key).getDDRM().getData().clone());
            }
        }
        for (String key : new TreeSet<>(rntn.wordVectors.keySet())) {
            String word = normalise(key);
            if (word != null && (!polarity.containsKey(word) || word.equals(key))) {
                polarity.put(word, wordPolarity(rntn, key));
            }
        }
        TreeSet<String> words = new TreeSet<>(vectors.keySet());
        words.addAll(polarity.keySet());

        double maxAbs = 0;
        for (double[] v : vectors.values()) {
            if (v.length != WordVectors.DIMENSIONS) {
                throw new IllegalStateException(
                        "expected "
                                + WordVectors.DIMENSIONS
                                + "-dimensional embeddings, got "
                                + v.length);
            }
            for (double x : v) {
                maxAbs = Math.max(maxAbs, Math.abs(x));
            }
        }
        float scale = (float) (maxAbs / 127.0);
        int n = words.size();
        long[] hashes = new long[n];
        byte[] bytes = new byte[n * WordVectors.DIMENSIONS];
        float[] pol = new float[n];
        int i = 0;
        for (String word : words) {
            hashes[i] = TokenHashes.hashOf(word);
            double[] v = vectors.get(word);
            if (v != null) {
                for (int d = 0; d < WordVectors.DIMENSIONS; d++) {
                    bytes[i * WordVectors.DIMENSIONS + d] = (byte) Math.round(v[d] / scale);
                }
            }
            Double p = polarity.get(word);
            pol[i] = p == null ? Float.NaN : p.floatValue();
            i++;
        }
        return new WordVectors(hashes, bytes, scale, pol);
    }

    /**
     * The RNTN's expected sentiment of a one-word phrase: its leaf classifier on the word's vector.
     */
    private static double wordPolarity(SentimentModel rntn, String word) {
        SimpleMatrix leaf = NeuralUtils.elementwiseApplyTanh(rntn.getWordVector(word));
        SimpleMatrix classes =
                NeuralUtils.softmax(
                        rntn.getUnaryClassification("")
                                .mult(NeuralUtils.concatenateWithBias(leaf)));
        double p = 0;
        for (int c = 0; c < CLASS_POLARITY.length; c++) {
            p += classes.get(c) * CLASS_POLARITY[c];
        }
        return p;
    }

    /**
     * The token {@link TextFeatures} would make of {@code word}, or null if it would not be one
     * token.
     */
    static String normalise(String word) {
        if (word.isEmpty() || !Character.isLetterOrDigit(word.charAt(0))) {
            return null;
        }
        StringBuilder b = new StringBuilder(word.length());
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (Character.isDigit(c)) {
                b.append('0');
            } else if (Character.isLetter(c) || c == '_') {
                b.append(Character.toLowerCase(c));
            } else if (c == '\''
                    && k + 1 < word.length()
                    && Character.isLetter(word.charAt(k + 1))) {
                b.append('\'');
            } else {
                return null;
            }
        }
        return b.toString();
    }

    private static Object readEntry(ZipFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        if (entry == null) {
            throw new IllegalArgumentException(
                    jar.getName()
                            + " has no "
                            + name
                            + "; is it stanford-corenlp-4.5.10-models.jar?");
        }
        try (InputStream in = new GZIPInputStream(jar.getInputStream(entry), 1 << 16);
                ObjectInputStream objects = new ObjectInputStream(in)) {
            return objects.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(
                    "cannot read " + name + " from " + jar.getName() + ": " + e.getMessage(), e);
        }
    }
}
