package dev.switchboard.pipeline.config;

import dev.switchboard.operators.meaning.MeaningSettings;
import dev.switchboard.operators.score.SentimentModels;
import java.util.Map;
import java.util.Set;

/**
 * What a message may be and how it is scored.
 *
 * @param maxTextBytes largest message text accepted, in UTF-8 bytes
 * @param tenantLanguages the languages of tenants that serve another language than English, or
 *     several; a tenant's untagged messages are in its one language, or detected among its several
 *     once per conversation
 * @param sentimentModels the sentiment model of each tenant (files checked when this was built)
 * @param meaning the meaning tier's bounds, or whether it runs
 */
public record ScoringSettings(
        int maxTextBytes,
        Map<String, Set<String>> tenantLanguages,
        SentimentModels sentimentModels,
        MeaningSettings meaning) {
    /** With the meaning tier's default bounds. */
    public ScoringSettings(
            int maxTextBytes,
            Map<String, Set<String>> tenantLanguages,
            SentimentModels sentimentModels) {
        this(maxTextBytes, tenantLanguages, sentimentModels, MeaningSettings.DEFAULTS);
    }

    public ScoringSettings {
        SwitchboardConfig.require(maxTextBytes >= 1, "--max-text-bytes must be positive");
        tenantLanguages = Map.copyOf(tenantLanguages);
        for (Set<String> languages : tenantLanguages.values()) {
            try {
                dev.switchboard.models.language.LanguageDetection.requireSupported(languages);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tenant-languages: " + e.getMessage());
            }
        }
    }
}
