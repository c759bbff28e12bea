package dev.switchboard.pipeline.cli;

import java.io.IOException;
import picocli.CommandLine.Option;

/** {@code --model} of the commands that use a trained model: a shipped one or a model file. */
public class ModelChoice {
    @Option(
            names = "--model",
            description =
                    "A shipped model (sentiment, sentiment-es, sentiment-fr, sentiment-de, sentiment-it, sentiment-pt, banking77, customer-service) or a model file (default: the shipped sentiment model of --language, English without one).")
    String model;

    /** The model it names. */
    ModelCommand.Loaded load() throws IOException {
        return ModelCommand.load(model);
    }

    /**
     * The model it names or, when it names none, the shipped sentiment model of the language {@code
     * languageTag} (English when null or without a shipped model: that model then says the language
     * is unsupported).
     */
    ModelCommand.Loaded load(String languageTag) throws IOException {
        if (model == null && languageTag != null) {
            String language =
                    dev.switchboard.models.sentiment.Languages.primary(
                            languageTag,
                            dev.switchboard.models.sentiment.SentimentModel.SHIPPED_LANGUAGES);
            if (dev.switchboard.models.sentiment.SentimentModel.SHIPPED_LANGUAGES.contains(
                    language)) {
                return ModelCommand.load(ModelCommand.SENTIMENT + "-" + language);
            }
        }
        return ModelCommand.load(model);
    }
}
