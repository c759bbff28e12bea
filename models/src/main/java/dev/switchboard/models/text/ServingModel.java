package dev.switchboard.models.text;

/**
 * A {@link HashedLinearModel} as it serves: named and versioned (the checksum of its file, so that
 * outputs say which model made them), and scoring into per-thread scratch buffers, so that a warm
 * call allocates nothing. Thread-safe: the weights are immutable.
 */
public abstract class ServingModel {
    private final String name;
    private final String version;
    private final String id;
    private final HashedLinearModel model;
    private final ThreadLocal<Scratch> scratch;

    protected ServingModel(String name, String version, HashedLinearModel model) {
        this.name = name;
        this.version = version;
        this.id = name + "@" + version;
        this.model = model;
        int labels = model.labelCount();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(labels));
    }

    public String name() {
        return name;
    }

    /** The first 12 hex digits of the SHA-256 of the model's file. */
    public String version() {
        return version;
    }

    /** {@code name@version}: how scores and decisions name the model that made them. */
    public String id() {
        return id;
    }

    public HashedLinearModel linearModel() {
        return model;
    }

    /**
     * The label probabilities of {@code text}, in the model's label order, in this thread's scratch
     * array: valid until the thread's next call, and not to be kept or changed.
     */
    protected final double[] probabilities(CharSequence text) {
        Scratch s = scratch.get();
        model.probabilities(text, s.buffer, s.probabilities);
        return s.probabilities;
    }

    private static final class Scratch {
        final FeatureBuffer buffer = new FeatureBuffer();
        final double[] probabilities;

        Scratch(int labels) {
            probabilities = new double[labels];
        }
    }
}
