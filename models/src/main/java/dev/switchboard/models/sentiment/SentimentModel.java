package dev.switchboard.models.sentiment;

import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scores the sentiment of one contact-center message with a {@link HashedLinearModel} trained on
 * CoreNLP (see {@code docs/models.md}).
 *
 * <p>Thread-safe: the weights are immutable and each thread scores into its own scratch buffers, so
 * a warm call allocates only the returned {@link SentimentScore}. {@link #loadDefault()} returns one
 * shared instance per class loader, so the tasks of a TaskManager share one copy of the weights.
 *
 * <p>The model was trained on English only. A message whose language tag is given and is not
 * English is returned as {@link SentimentScore#UNSUPPORTED} rather than guessed. The speaker's role
 * does not change the score today: customer, agent and bot lines are scored alike, and callers decide
 * whose sentiment matters.
 */
public final class SentimentModel {
    public static final String DEFAULT_RESOURCE = "/dev/switchboard/models/sentiment/sentiment.model.gz";

    private static volatile SentimentModel defaultModel;

    private final HashedLinearModel model;
    private final int negative;
    private final int neutral;
    private final int positive;
    private final ThreadLocal<Scratch> scratch;

    public SentimentModel(HashedLinearModel model) {
        this.model = model;
        this.negative = indexOf(model, SentimentLabel.NEGATIVE);
        this.neutral = indexOf(model, SentimentLabel.NEUTRAL);
        this.positive = indexOf(model, SentimentLabel.POSITIVE);
        int labels = model.labelCount();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(labels));
    }

    /** The model shipped in this jar, loaded once. */
    public static SentimentModel loadDefault() {
        SentimentModel m = defaultModel;
        if (m == null) {
            synchronized (SentimentModel.class) {
                m = defaultModel;
                if (m == null) {
                    try (InputStream in = SentimentModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(
                                    "default sentiment model " + DEFAULT_RESOURCE + " is missing from the classpath");
                        }
                        m = new SentimentModel(HashedLinearModel.read(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the default sentiment model", e);
                    }
                    defaultModel = m;
                }
            }
        }
        return m;
    }

    public static SentimentModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new SentimentModel(HashedLinearModel.read(in));
        } catch (IOException e) {
            throw new IOException("cannot read sentiment model " + file + ": " + e.getMessage(), e);
        }
    }

    public HashedLinearModel linearModel() {
        return model;
    }

    public SentimentScore score(CharSequence text, SpeakerRole role, String language) {
        if (!isSupportedLanguage(language)) {
            return SentimentScore.UNSUPPORTED;
        }
        Scratch s = scratch.get();
        model.probabilities(text, s.buffer, s.probabilities);
        double[] p = s.probabilities;
        SentimentLabel label = SentimentLabel.NEUTRAL;
        double confidence = p[neutral];
        if (p[negative] > confidence) {
            label = SentimentLabel.NEGATIVE;
            confidence = p[negative];
        }
        if (p[positive] > confidence) {
            label = SentimentLabel.POSITIVE;
            confidence = p[positive];
        }
        return new SentimentScore(label, p[positive] - p[negative], confidence, true);
    }

    /** No tag means "assume English": most platforms only tag languages they have detected. */
    public static boolean isSupportedLanguage(String language) {
        if (language == null || language.isEmpty()) {
            return true;
        }
        return language.length() >= 2
                && (language.charAt(0) == 'e' || language.charAt(0) == 'E')
                && (language.charAt(1) == 'n' || language.charAt(1) == 'N')
                && (language.length() == 2 || language.charAt(2) == '-' || language.charAt(2) == '_');
    }

    private static int indexOf(HashedLinearModel model, SentimentLabel label) {
        int i = model.labels().indexOf(label.wireName());
        if (i < 0) {
            throw new IllegalArgumentException(
                    "model labels " + model.labels() + " lack '" + label.wireName() + "'; not a sentiment model");
        }
        return i;
    }

    private static final class Scratch {
        final FeatureBuffer buffer = new FeatureBuffer();
        final double[] probabilities;

        Scratch(int labels) {
            probabilities = new double[labels];
        }
    }
}
