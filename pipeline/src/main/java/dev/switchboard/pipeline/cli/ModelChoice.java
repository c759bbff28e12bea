package dev.switchboard.pipeline.cli;

import java.io.IOException;
import picocli.CommandLine.Option;

/** {@code --model} of the commands that use a trained model: a shipped one or a model file. */
public class ModelChoice {
    @Option(
            names = "--model",
            description =
                    "A shipped model (sentiment, banking77, customer-service) or a model file (default: sentiment).")
    String model;

    /** The model it names. */
    ModelCommand.Loaded load() throws IOException {
        return ModelCommand.load(model);
    }
}
