package dev.switchboard.pipeline.cli;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.training.LabelledSet;
import dev.switchboard.models.training.LabelledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code switchboard model train | evaluate | score | word-vectors | train-selector}: the models'
 * commands. {@code --model} names a shipped model ({@code sentiment}, {@code banking77}, {@code
 * customer-service}) or, for evaluate and score, a model file; a file is an intent model unless its
 * labels are the sentiment labels.
 */
@Command(
        name = "model",
        description = "Train, evaluate and try the sentiment and intent models.",
        mixinStandardHelpOptions = true,
        subcommands = {
            TrainModelCommand.class,
            EvaluateModelCommand.class,
            ScoreModelCommand.class,
            WordVectorsCommand.class,
            TrainSelectorCommand.class
        })
public class ModelCommand {

    /** The shipped model a name stands for, or the model in a file. */
    record Loaded(SentimentModel sentiment, IntentModel intent) {
        HashedLinearModel linear() {
            return sentiment != null ? sentiment.linearModel() : intent.linearModel();
        }
    }

    static final String SENTIMENT = "sentiment";

    static Loaded load(String model) throws java.io.IOException {
        if (model == null || model.equals(SENTIMENT)) {
            return new Loaded(SentimentModel.loadDefault(), null);
        }
        if (model.startsWith(SENTIMENT + "-")
                && SentimentModel.SHIPPED_LANGUAGES.contains(
                        model.substring(SENTIMENT.length() + 1))) {
            return new Loaded(
                    SentimentModel.shipped(model.substring(SENTIMENT.length() + 1)), null);
        }
        if (IntentModel.SHIPPED.containsKey(model)) {
            return new Loaded(null, IntentModel.shipped(model));
        }
        Path file = Path.of(model);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "--model: '"
                            + model
                            + "' is neither a shipped model ("
                            + SENTIMENT
                            + ", "
                            + String.join(
                                    ", ", new java.util.TreeSet<>(IntentModel.SHIPPED.keySet()))
                            + ", "
                            + SENTIMENT
                            + "-LANGUAGE for "
                            + SentimentModel.SHIPPED_LANGUAGES.subList(
                                    1, SentimentModel.SHIPPED_LANGUAGES.size())
                            + ") nor a readable file");
        }
        IntentModel m = IntentModel.load(file);
        return m.intents().equals(List.of("negative", "neutral", "positive"))
                ? new Loaded(new SentimentModel(m.linearModel()), null)
                : new Loaded(null, m);
    }

    static List<LabelledText> readAll(List<LabelledSet> sets, List<String> labels)
            throws java.io.IOException {
        List<LabelledText> rows = new ArrayList<>();
        for (LabelledSet set : sets) {
            rows.addAll(set.read(labels));
        }
        return rows;
    }
}
