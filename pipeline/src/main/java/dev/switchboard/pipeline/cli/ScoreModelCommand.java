package dev.switchboard.pipeline.cli;

import dev.switchboard.models.intent.IntentScore;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description =
                "Score one text: sentiment label, score and confidence, or the three most likely intents.")
public class ScoreModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ModelChoice model = new ModelChoice();

    @Option(names = "--role", description = "customer, agent or bot (default: ${DEFAULT-VALUE}).")
    String role = "customer";

    @Option(
            names = "--language",
            description =
                    "BCP-47 language tag of the text; without --model it also picks the shipped model of that language (default: assume English).")
    String language;

    @Parameters(arity = "1", paramLabel = "TEXT", description = "The text to score.")
    String text;

    @Override
    public Integer call() throws Exception {
        ModelCommand.Loaded loaded = model.load(language);
        if (loaded.intent() != null) {
            for (IntentScore s : loaded.intent().top(text, 3)) {
                spec.commandLine()
                        .getOut()
                        .printf(Locale.ROOT, "%s\tconfidence %.3f%n", s.intent(), s.confidence());
            }
            return 0;
        }
        SentimentModel m = loaded.sentiment();
        SpeakerRole speaker;
        try {
            speaker = SpeakerRole.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--role must be customer, agent or bot, was '" + role + "'");
        }
        SentimentScore s = m.score(text, speaker, language);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%s\tscore %.3f\tconfidence %.3f%s%n",
                        s.label().wireName(),
                        s.score(),
                        s.confidence(),
                        s.supported() ? "" : "\t(unsupported language)");
        return 0;
    }
}
