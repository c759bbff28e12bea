package dev.switchboard.pipeline.config;

import dev.switchboard.operators.score.SentimentModels;
import picocli.CommandLine.Option;

/**
 * The options of {@code switchboard run} that say what is scored and with which models: {@link
 * ScoringSettings}.
 */
public class ScoringOptions {
    @Option(
            names = "--max-text-bytes",
            description = "Largest message text accepted, UTF-8 bytes (default: ${DEFAULT-VALUE}).",
            defaultValue = "16384")
    public int maxTextBytes;

    @Option(
            names = "--sentiment-model",
            paramLabel = "FILE",
            description =
                    "Score with this sentiment model file (written by 'switchboard model train') instead of the shipped one; read at start and by every TaskManager from the same path.")
    public java.nio.file.Path sentimentModel;

    @Option(
            names = "--tenant-sentiment-model",
            paramLabel = "TENANT=FILE",
            description = "A tenant's own sentiment model file; repeatable.")
    public java.util.Map<String, java.nio.file.Path> tenantSentimentModels =
            new java.util.LinkedHashMap<>();

    @Option(
            names = "--tenant-languages",
            paramLabel = "TENANT=LANG,LANG",
            description =
                    "The languages a tenant serves (ISO 639-1: en, es, fr, de, it, pt, nl): a conversation without a language tag is in the tenant's one language, or detected among its several once per conversation. en, es, fr, de, it and pt are scored (nl is detected and routed, not scored). Default: English only. Repeatable.")
    public java.util.Map<String, String> tenantLanguages = new java.util.LinkedHashMap<>();

    ScoringSettings toSettings() {
        return new ScoringSettings(
                maxTextBytes,
                languagesByTenant(),
                SentimentModels.of(sentimentModel, tenantSentimentModels));
    }

    /** picocli parses {@code TENANT=LANG,LANG}; the languages are split here. */
    private java.util.Map<String, java.util.Set<String>> languagesByTenant() {
        java.util.Map<String, java.util.Set<String>> byTenant = new java.util.HashMap<>();
        tenantLanguages.forEach(
                (tenant, list) -> {
                    java.util.Set<String> languages = new java.util.TreeSet<>();
                    for (String l : list.split(",")) {
                        languages.add(l.trim().toLowerCase(java.util.Locale.ROOT));
                    }
                    byTenant.put(tenant, languages);
                });
        return byTenant;
    }
}
