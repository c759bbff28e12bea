package dev.switchboard.operators.score;

import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.text.VersionedModel;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which sentiment model scores which tenant's messages: the shipped model or a deployment's own
 * file for every tenant, and tenants' own files beside it.
 *
 * <p>The files are read when the job is built ({@link #of}), so a missing or incompatible file
 * stops the start with a message naming it, and each file's version is fixed then. Tasks read the
 * files again from the same paths in {@code open} (so the paths must be readable on every
 * TaskManager, as a mounted volume is) and refuse a file whose version changed since: every output
 * names the exact weights that made it.
 */
public final class SentimentModels implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A model file and the version it had when the job was built. */
    public record ModelFile(String path, String version) implements Serializable {}

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
            return new ModelFile(file.toAbsolutePath().toString(), model.version());
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /**
     * {@code name@version} of the model that scores {@code tenant}'s messages, as the scores carry
     * it, without reading any file: decisions name their model by it.
     */
    public String idFor(String tenant) {
        ModelFile file = tenants.getOrDefault(tenant, fallback);
        return file == null
                ? SentimentModel.loadDefault().id()
                : VersionedModel.nameOf(Path.of(file.path())) + "@" + file.version();
    }

    /** The model of tenants without their own. */
    public SentimentModel loadFallback() {
        return fallback == null ? SentimentModel.loadDefault() : load(fallback);
    }

    /** Tenants' own models, by tenant (shared with every task of the class loader). */
    public Map<String, SentimentModel> loadTenants() {
        Map<String, SentimentModel> loaded = new HashMap<>();
        tenants.forEach((tenant, file) -> loaded.put(tenant, load(file)));
        return loaded;
    }

    private static SentimentModel load(ModelFile file) {
        try {
            return SentimentModel.shared(Path.of(file.path()), file.version());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
