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

    @Option(
            names = "--meaning-tier",
            paramLabel = "on|off",
            description =
                    "Read the intent of a conversation's first customer messages, and a second opinion on the sentiment of the English customer messages that could move an escalation level, from sentence embeddings (bge-small, in the jar), off the per-message path and bounded; off: the fast models only (default: ${DEFAULT-VALUE}). docs/models.md.",
            defaultValue = "off")
    public String meaningTier;

    @Option(
            names = "--meaning-max-per-second",
            description =
                    "Embeddings a TaskManager starts per second at most; beyond it messages take the hashed model's reading, counted (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    public int meaningMaxPerSecond;

    @Option(
            names = "--meaning-cpu-share",
            description =
                    "Share of a TaskManager's processors its meaning tier may keep busy on average, measured as its threads' CPU time; while it has used it, messages take the fast reading, counted (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.125")
    public double meaningCpuShare;

    @Option(
            names = "--meaning-timeout",
            description =
                    "How long a message may wait for the meaning tier before it goes on with the hashed reading (default: ${DEFAULT-VALUE}).",
            defaultValue = "50ms")
    public java.time.Duration meaningTimeout;

    @Option(
            names = "--meaning-capacity",
            description =
                    "Messages in flight in the meaning tier per parallel instance, those waiting to keep their order included: room for what arrives while a message is read (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    public int meaningCapacity;

    @Option(
            names = "--meaning-threads",
            description =
                    "Threads per TaskManager that run the embedding network (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    public int meaningThreads;

    @Option(
            names = "--meaning-queue",
            description =
                    "Messages that may wait for a busy meaning-tier thread, per TaskManager; 0: a message starts on an idle thread or keeps its fast reading at once (default: ${DEFAULT-VALUE}). A backtest that wants every message read gives it room.",
            defaultValue = "0")
    public int meaningQueue;

    @Option(
            names = "--second-opinion-below",
            description =
                    "With the meaning tier on: also re-score an English customer message whose sentiment the shipped model gives a top probability below this; 0 asks for none on that ground (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    public double secondOpinionBelow;

    @Option(
            names = "--second-opinion-on-decisive-turns",
            description =
                    "With the meaning tier on: also re-score every English customer message whose fast score could move its conversation's escalation level (it leans negative after a turn that did), however sure the model is: on or off (default: ${DEFAULT-VALUE}).",
            defaultValue = "on")
    public String secondOpinionOnDecisiveTurns;

    @Option(
            names = "--second-opinion-likely-to-change",
            description =
                    "With the meaning tier on: also re-score an English customer message when the shipped selector gives at least this probability that the second opinion would change the shipped model's label (it reads the message's words and the fast scores; 0.5 re-scored 7% of held-out dialogue for most of what re-scoring every message gains, docs/models.md); 0 asks for none on that ground (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    public double secondOpinionLikelyToChange;

    @Option(
            names = "--second-opinion-selector",
            paramLabel = "FILE",
            description =
                    "With --second-opinion-likely-to-change: read this selector (written by 'switchboard model train-selector' from the deployment's own messages) instead of the shipped one; read at start and by every TaskManager from the same path.")
    public java.nio.file.Path secondOpinionSelector;

    ScoringSettings toSettings() {
        if (!meaningTier.equals("on") && !meaningTier.equals("off")) {
            throw new IllegalArgumentException(
                    "--meaning-tier must be on or off, was " + meaningTier);
        }
        if (!secondOpinionOnDecisiveTurns.equals("on")
                && !secondOpinionOnDecisiveTurns.equals("off")) {
            throw new IllegalArgumentException(
                    "--second-opinion-on-decisive-turns must be on or off, was "
                            + secondOpinionOnDecisiveTurns);
        }
        return new ScoringSettings(
                maxTextBytes,
                languagesByTenant(),
                SentimentModels.of(sentimentModel, tenantSentimentModels),
                new dev.switchboard.operators.meaning.MeaningSettings(
                        meaningTier.equals("on"),
                        meaningCapacity,
                        meaningTimeout,
                        meaningMaxPerSecond,
                        meaningCpuShare,
                        meaningThreads,
                        meaningQueue,
                        secondOpinionBelow,
                        secondOpinionOnDecisiveTurns.equals("on"),
                        secondOpinionLikelyToChange,
                        checkedSelector()));
    }

    /** The selector file's path, once it has been read: a bad file stops the start here. */
    private String checkedSelector() {
        if (secondOpinionSelector == null) {
            return null;
        }
        try {
            dev.switchboard.models.meaning.SecondOpinionSelector.read(secondOpinionSelector);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--second-opinion-selector: " + e.getMessage(), e);
        }
        return secondOpinionSelector.toAbsolutePath().toString();
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
