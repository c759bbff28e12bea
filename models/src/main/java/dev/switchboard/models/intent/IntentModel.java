package dev.switchboard.models.intent;

import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.text.ServingModel;
import dev.switchboard.models.text.VersionedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classifies the intent of a customer's message with a {@link HashedLinearModel} trained on
 * CoreNLP, the same serving form as the sentiment model (see {@code docs/models.md}).
 *
 * <p>Two models ship in the jar: {@code banking77} (77 banking intents, BANKING77) and {@code
 * customer-service} (27 intents of general customer service, Bitext). Thread-safe: weights are
 * immutable, scratch buffers are per thread; a warm call allocates only the returned score. Shipped
 * models are loaded once per class loader and shared.
 */
public final class IntentModel extends ServingModel {
    /** Shipped models by name. */
    public static final Map<String, String> SHIPPED =
            Map.of(
                    "banking77",
                    "/dev/switchboard/models/intent/banking77.model.gz",
                    "customer-service",
                    "/dev/switchboard/models/intent/customer-service.model.gz");

    private static final Map<String, IntentModel> LOADED = new ConcurrentHashMap<>();
    private static final Map<Path, IntentModel> FILES = new ConcurrentHashMap<>();

    private final String[] labels;

    /** A model held in memory only (training, tests), without a version. */
    public IntentModel(String name, HashedLinearModel model) {
        this(name, "none", model);
    }

    /**
     * @param version the checksum of the model's file ({@link VersionedModel})
     */
    public IntentModel(String name, String version, HashedLinearModel model) {
        super(name, version, model);
        this.labels = model.labels().toArray(new String[0]);
    }

    /**
     * A model shipped in the jar, loaded once.
     *
     * @throws IllegalArgumentException for a name that is not shipped
     */
    public static IntentModel shipped(String name) {
        String resource = SHIPPED.get(name);
        if (resource == null) {
            throw new IllegalArgumentException(
                    "no intent model named '"
                            + name
                            + "' (shipped: "
                            + new java.util.TreeSet<>(SHIPPED.keySet())
                            + ")");
        }
        return LOADED.computeIfAbsent(
                name,
                n -> {
                    try {
                        VersionedModel read = VersionedModel.resource(resource);
                        return new IntentModel(n, read.version(), read.model());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read intent model " + resource, e);
                    }
                });
    }

    /**
     * Reads an intent model file, named after the file ({@code insurance.model.gz} is {@code
     * insurance}).
     */
    public static IntentModel load(Path file) throws IOException {
        VersionedModel read = VersionedModel.read(file);
        return new IntentModel(VersionedModel.nameOf(file), read.version(), read.model());
    }

    /**
     * A shipped model by name, or else the model file at {@code nameOrFile}, read once per class
     * loader.
     *
     * @throws IllegalArgumentException naming the model when it is neither, or the file cannot be
     *     read
     */
    public static IntentModel named(String nameOrFile) {
        if (SHIPPED.containsKey(nameOrFile)) {
            return shipped(nameOrFile);
        }
        Path file = Path.of(nameOrFile).toAbsolutePath();
        IntentModel m = FILES.get(file);
        if (m == null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(
                        "intent model '"
                                + nameOrFile
                                + "' is neither a shipped model "
                                + new java.util.TreeSet<>(SHIPPED.keySet())
                                + " nor a model file");
            }
            try {
                m = load(file);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            FILES.putIfAbsent(file, m);
        }
        return m;
    }

    public List<String> intents() {
        return linearModel().labels();
    }

    /** The label probabilities of {@code text}, in {@link #intents()} order, in a new array. */
    public double[] probabilitiesOf(CharSequence text) {
        return probabilities(text).clone();
    }

    /** The most likely intent of {@code text}. */
    public IntentScore classify(CharSequence text) {
        return best(labels, probabilities(text));
    }

    /** The label of highest probability in {@code p}, with it. */
    static IntentScore best(String[] labels, double[] p) {
        int best = 0;
        for (int l = 1; l < p.length; l++) {
            if (p[l] > p[best]) {
                best = l;
            }
        }
        return new IntentScore(labels[best], p[best]);
    }

    /** The {@code k} most likely intents, most likely first (for people; allocates). */
    public List<IntentScore> top(CharSequence text, int k) {
        return top(labels, probabilities(text).clone(), k);
    }

    /**
     * The {@code k} labels of highest probability in {@code p} (which it overwrites), first first.
     */
    static List<IntentScore> top(String[] labels, double[] p, int k) {
        List<IntentScore> top = new java.util.ArrayList<>(k);
        for (int i = 0; i < Math.min(k, p.length); i++) {
            int best = 0;
            for (int l = 1; l < p.length; l++) {
                if (p[l] > p[best]) {
                    best = l;
                }
            }
            top.add(new IntentScore(labels[best], p[best]));
            p[best] = -1;
        }
        return top;
    }
}
