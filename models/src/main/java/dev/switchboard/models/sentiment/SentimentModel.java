package dev.switchboard.models.sentiment;

import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.text.ServingModel;
import dev.switchboard.models.text.VersionedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores the sentiment of one contact-center message with a {@link HashedLinearModel} trained on
 * CoreNLP (see {@code docs/models.md}).
 *
 * <p>Thread-safe: the weights are immutable and each thread scores into its own scratch buffers, so
 * a warm call allocates only the returned {@link SentimentScore}. {@link #loadDefault()} returns
 * one shared instance per class loader, so the tasks of a TaskManager share one copy of the
 * weights.
 *
 * <p>Every model has a name and a version (the checksum of its file, {@link VersionedModel});
 * {@link #id()} gives both, as scores and decisions name the model that made them.
 *
 * <p>A model reads one language ({@link #language()}, recorded in its file): the shipped ones are
 * English ({@link #loadDefault()}) and Spanish, French, German, Italian and Portuguese ({@link
 * #shipped(String)}). A message in another language is returned as {@link
 * SentimentScore#UNSUPPORTED} rather than guessed. The speaker's role does not change the score
 * today: customer, agent and bot lines are scored alike, and callers decide whose sentiment
 * matters.
 */
public final class SentimentModel extends ServingModel {
    public static final String DEFAULT_RESOURCE =
            "/dev/switchboard/models/sentiment/sentiment.model.gz";

    /** The name of the shipped model. */
    public static final String SHIPPED_NAME = "sentiment";

    /** The languages of the shipped models, English first. */
    public static final List<String> SHIPPED_LANGUAGES =
            List.of("en", "es", "fr", "de", "it", "pt");

    private static volatile SentimentModel defaultModel;
    private static final Map<String, SentimentModel> SHIPPED = new ConcurrentHashMap<>();
    private static final Map<Path, SentimentModel> FILES = new ConcurrentHashMap<>();

    private final int negative;
    private final int neutral;
    private final int positive;

    /** A model held in memory only (training, tests): named {@code unsaved}, without a version. */
    public SentimentModel(HashedLinearModel model) {
        this(model, "unsaved", "none");
    }

    /**
     * @throws IllegalArgumentException when the model's labels are not the sentiment labels
     */
    public SentimentModel(HashedLinearModel model, String name, String version) {
        super(name, version, model);
        this.negative = indexOf(model, SentimentLabel.NEGATIVE);
        this.neutral = indexOf(model, SentimentLabel.NEUTRAL);
        this.positive = indexOf(model, SentimentLabel.POSITIVE);
    }

    /** The model shipped in this jar, loaded once. */
    public static SentimentModel loadDefault() {
        SentimentModel m = defaultModel;
        if (m == null) {
            synchronized (SentimentModel.class) {
                m = defaultModel;
                if (m == null) {
                    try {
                        VersionedModel read = VersionedModel.resource(DEFAULT_RESOURCE);
                        m = new SentimentModel(read.model(), SHIPPED_NAME, read.version());
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "cannot read the default sentiment model", e);
                    }
                    defaultModel = m;
                }
            }
        }
        return m;
    }

    /**
     * The shipped model of {@code language} (one of {@link #SHIPPED_LANGUAGES}), loaded once: for
     * English {@link #loadDefault()}, else {@code sentiment-<language>}.
     *
     * @throws IllegalArgumentException for a language without a shipped model
     */
    public static SentimentModel shipped(String language) {
        if (language.equals("en")) {
            return loadDefault();
        }
        if (!SHIPPED_LANGUAGES.contains(language)) {
            throw new IllegalArgumentException(
                    "no shipped sentiment model for language '"
                            + language
                            + "' (languages: "
                            + SHIPPED_LANGUAGES
                            + ")");
        }
        return SHIPPED.computeIfAbsent(
                language,
                l -> {
                    String name = SHIPPED_NAME + "-" + l;
                    try {
                        VersionedModel read =
                                VersionedModel.resource(
                                        "/dev/switchboard/models/sentiment/" + name + ".model.gz");
                        return new SentimentModel(read.model(), name, read.version());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the " + name + " model", e);
                    }
                });
    }

    /** The ISO 639-1 code of the language the model reads. */
    public String language() {
        return linearModel().language().code();
    }

    /**
     * Whether a message tagged {@code language} is this model's to score: a BCP-47 tag whose
     * primary language is the model's ("es", "es-MX"); no tag means English.
     */
    public boolean reads(String language) {
        return Languages.sameLanguage(language, language());
    }

    /**
     * Reads a sentiment model file, named after the file ({@code acme.model.gz} is {@code acme}).
     *
     * @throws IOException naming the file, when it is missing, unreadable, not a model or a model
     *     of other labels
     */
    public static SentimentModel load(Path file) throws IOException {
        VersionedModel read = VersionedModel.read(file);
        try {
            return new SentimentModel(read.model(), VersionedModel.nameOf(file), read.version());
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    "model file " + file + " is not a sentiment model: " + e.getMessage(), e);
        }
    }

    /**
     * The model in {@code file}, read once per class loader (the tasks of a TaskManager share it).
     *
     * @param expectedVersion the version the job was started with; a file that changed since is
     *     refused, so that every output names the weights that made it
     */
    public static SentimentModel shared(Path file, String expectedVersion) throws IOException {
        Path key = file.toAbsolutePath();
        SentimentModel m = FILES.get(key);
        if (m == null || !m.version().equals(expectedVersion)) {
            // Not read yet, or read for an earlier job of this TaskManager before the file was
            // replaced.
            m = load(file);
            if (m.version().equals(expectedVersion)) {
                FILES.put(key, m);
            }
        }
        if (!m.version().equals(expectedVersion)) {
            throw new IOException(
                    "sentiment model file "
                            + file
                            + " is version "
                            + m.version()
                            + ", but the job was started with version "
                            + expectedVersion
                            + "; the file changed after the start: restart the job to use it");
        }
        return m;
    }

    public SentimentScore score(CharSequence text, SpeakerRole role, String language) {
        if (!reads(language)) {
            return SentimentScore.UNSUPPORTED;
        }
        double[] p = probabilities(text);
        return SentimentScore.of(p[negative], p[neutral], p[positive]);
    }

    private static int indexOf(HashedLinearModel model, SentimentLabel label) {
        int i = model.labels().indexOf(label.wireName());
        if (i < 0) {
            throw new IllegalArgumentException(
                    "model labels "
                            + model.labels()
                            + " lack '"
                            + label.wireName()
                            + "'; not a sentiment model");
        }
        return i;
    }
}
