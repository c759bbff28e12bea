package dev.switchboard.operators.score;

import dev.switchboard.models.sentiment.Languages;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.text.VersionedModel;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Which sentiment model scores which tenant's messages in which language: a tenant's own file when
 * it reads the message's language, else the deployment's own file when it does, else the shipped
 * model of that language ({@link SentimentModel#SHIPPED_LANGUAGES}); a message in a language none
 * of them reads is left to the tenant's (or the deployment's, or the shipped English) model, which
 * says it is unsupported.
 *
 * <p>The files are read when the job is built ({@link #of}), so a missing or incompatible file
 * stops the start with a message naming it, and each file's version is fixed then. Tasks read the
 * files again from the same paths in {@code open} (so the paths must be readable on every
 * TaskManager, as a mounted volume is) and refuse a file whose version changed since: every output
 * names the exact weights that made it.
 */
public final class SentimentModels implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A model file, the version it had when the job was built, and its language. */
    public record ModelFile(String path, String version, String language) implements Serializable {
        String id() {
            return VersionedModel.nameOf(Path.of(path)) + "@" + version;
        }
    }

    private final ModelFile fallback;
    private final HashMap<String, ModelFile> tenants;

    private SentimentModels(ModelFile fallback, Map<String, ModelFile> tenants) {
        this.fallback = fallback;
        this.tenants = new HashMap<>(tenants);
    }

    /** The shipped model for every tenant. */
    public static SentimentModels shipped() {
        return new SentimentModels(null, Map.of());
    }

    /**
     * Reads and checks every file now.
     *
     * @param fallback the model of tenants without their own, or null for the shipped one
     * @param tenantFiles tenants' own model files
     * @throws IllegalArgumentException naming the option and the file that cannot be used
     */
    public static SentimentModels of(Path fallback, Map<String, Path> tenantFiles) {
        ModelFile fallbackFile = fallback == null ? null : check("--sentiment-model", fallback);
        Map<String, ModelFile> tenants = new HashMap<>();
        tenantFiles.forEach(
                (tenant, file) ->
                        tenants.put(tenant, check("--tenant-sentiment-model " + tenant, file)));
        return new SentimentModels(fallbackFile, tenants);
    }

    private static ModelFile check(String option, Path file) {
        try {
            SentimentModel model = SentimentModel.load(file);
            return new ModelFile(
                    file.toAbsolutePath().toString(), model.version(), model.language());
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /**
     * {@code name@version} of the model that scores {@code tenant}'s messages in {@code language}
     * (a BCP-47 tag; null: English), as the scores carry it, without reading any file: decisions
     * name their model by it. The same rule as {@link Loaded#forMessage}, so a decision names the
     * model that scored its messages.
     */
    public String idFor(String tenant, String language) {
        ModelFile own = tenants.get(tenant);
        return choose(
                language,
                own == null ? null : own.id(),
                own == null ? null : own.language(),
                fallback == null ? null : fallback.id(),
                fallback == null ? null : fallback.language(),
                SHIPPED_IDS);
    }

    private static final IntFunction<String> SHIPPED_IDS =
            i -> SentimentModel.shipped(SentimentModel.SHIPPED_LANGUAGES.get(i)).id();

    /**
     * Which model reads a message in {@code language}: the tenant's own when it reads that
     * language, else the deployment's own when it does, else the shipped model of the language
     * ({@code shipped} by index in {@link SentimentModel#SHIPPED_LANGUAGES}); for a language none
     * reads, the tenant's, the deployment's or the shipped English one, which says it is
     * unsupported.
     */
    private static <M> M choose(
            String language,
            M own,
            String ownLanguage,
            M fallback,
            String fallbackLanguage,
            IntFunction<M> shipped) {
        if (own != null && Languages.sameLanguage(language, ownLanguage)) {
            return own;
        }
        if (fallback != null && Languages.sameLanguage(language, fallbackLanguage)) {
            return fallback;
        }
        List<String> codes = SentimentModel.SHIPPED_LANGUAGES;
        for (int i = 0; i < codes.size(); i++) {
            if (Languages.sameLanguage(language, codes.get(i))) {
                return shipped.apply(i);
            }
        }
        return own != null ? own : fallback != null ? fallback : shipped.apply(0);
    }

    /** Reads the models (in a task's {@code open}): shared by every task of the class loader. */
    public Loaded load() {
        Map<String, SentimentModel> own = new HashMap<>();
        tenants.forEach((tenant, file) -> own.put(tenant, load(file)));
        List<SentimentModel> shipped = new ArrayList<>();
        for (String language : SentimentModel.SHIPPED_LANGUAGES) {
            shipped.add(SentimentModel.shipped(language));
        }
        return new Loaded(own, fallback == null ? null : load(fallback), shipped);
    }

    /** The models of a task, chosen per message without allocating. */
    public static final class Loaded {
        private final Map<String, SentimentModel> tenants;
        private final SentimentModel fallback;
        private final IntFunction<SentimentModel> shipped;

        Loaded(
                Map<String, SentimentModel> tenants,
                SentimentModel fallback,
                List<SentimentModel> shipped) {
            this.tenants = tenants;
            this.fallback = fallback;
            SentimentModel[] byIndex = shipped.toArray(new SentimentModel[0]);
            this.shipped = i -> byIndex[i];
        }

        /** The model for a message of {@code tenant} in {@code language}, as {@link #idFor}. */
        public SentimentModel forMessage(String tenant, String language) {
            SentimentModel own = tenants.isEmpty() ? null : tenants.get(tenant);
            return choose(
                    language,
                    own,
                    own == null ? null : own.language(),
                    fallback,
                    fallback == null ? null : fallback.language(),
                    shipped);
        }
    }

    private static SentimentModel load(ModelFile file) {
        try {
            return SentimentModel.shared(Path.of(file.path()), file.version());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
