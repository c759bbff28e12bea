package dev.switchboard.pipeline.cli;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.intent.IntentScore;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.text.WordVectors;
import dev.switchboard.models.training.WordVectorsBuilder;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.models.training.Evaluation;
import dev.switchboard.models.training.LabelledCsv;
import dev.switchboard.models.training.LabelledText;
import dev.switchboard.models.training.ModelEvaluator;
import dev.switchboard.models.training.ServiceRequests;
import dev.switchboard.models.training.TrainingRecipe;
import dev.switchboard.models.training.CrossValidation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard model train | evaluate | score | word-vectors}: the models' commands. {@code --model} names a
 * shipped model ({@code sentiment}, {@code banking77}, {@code customer-service}) or, for evaluate
 * and score, a model file; a file is an intent model unless its labels are the sentiment labels.
 */
@Command(
        name = "model",
        description = "Train, evaluate and try the sentiment and intent models.",
        mixinStandardHelpOptions = true,
        subcommands = {ModelCommand.Train.class, ModelCommand.Evaluate.class, ModelCommand.Score.class,
                ModelCommand.BuildWordVectors.class})
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
        if (IntentModel.SHIPPED.containsKey(model)) {
            return new Loaded(null, IntentModel.shipped(model));
        }
        Path file = Path.of(model);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--model: '" + model + "' is neither a shipped model (" + SENTIMENT + ", "
                    + String.join(", ", new java.util.TreeSet<>(IntentModel.SHIPPED.keySet())) + ") nor a readable file");
        }
        IntentModel m = IntentModel.load(file);
        return m.intents().equals(List.of("negative", "neutral", "positive"))
                ? new Loaded(new SentimentModel(m.linearModel()), null)
                : new Loaded(null, m);
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a sentiment or intent model on a labelled CSV with CoreNLP and write its serving form.")
    static class Train implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--model", description = "sentiment (labels negative/neutral/positive), or an intent model (banking77, customer-service, or intent: the labels are read from the data) (default: ${DEFAULT-VALUE}).")
        String model = SENTIMENT;

        @Option(names = "--data", required = true, description = "Labelled CSV with a header row.")
        Path data;

        @Option(names = "--text-column", required = true, description = "Column holding the text.")
        String textColumn;

        @Option(names = "--label-column", required = true, description = "Column holding the label (negative/neutral/positive for sentiment, the intent otherwise).")
        String labelColumn;

        @Option(names = "--out", required = true, description = "Model file to write (.model.gz).")
        Path out;

        @Option(names = "--service-requests", description = "Bitext-format CSV (utterance, intent) of customer-service requests to add as supplementary examples, weighted by the recipe (see docs/models.md).")
        Path serviceRequests;

        @Option(names = "--cross-validate", description = "Also report k-fold cross-validated figures on --data (0 = skip; default: ${DEFAULT-VALUE}).")
        int folds = 0;

        @Option(names = "--seeds", split = ",", description = "Shuffle seeds of the cross-validation, one run each, and the mean (default: ${DEFAULT-VALUE}).")
        List<Long> seeds = List.of(42L, 7L, 99L);

        @Override
        public Integer call() throws Exception {
            boolean sentiment = model.equals(SENTIMENT);
            if (!sentiment && !model.equals("intent") && !IntentModel.SHIPPED.containsKey(model)) {
                throw new IllegalArgumentException("--model must be sentiment, banking77, customer-service or intent, was '" + model + "'");
            }
            if (!sentiment && serviceRequests != null) {
                throw new IllegalArgumentException("--service-requests adds examples to the sentiment model only");
            }
            TrainingRecipe recipe = sentiment ? TrainingRecipe.SENTIMENT : TrainingRecipe.intents(LabelledCsv.labels(data, textColumn, labelColumn));
            List<LabelledText> rows = LabelledCsv.read(data, textColumn, labelColumn, recipe.labels());
            List<LabelledText> supplementary = serviceRequests == null ? List.of() : ServiceRequests.read(serviceRequests);
            spec.commandLine().getErr().printf(Locale.ROOT, "training a %s model (%d labels) on %d rows of %s and %d service requests%n",
                    model, recipe.labels().size(), rows.size(), data, supplementary.size());
            if (folds > 0) {
                double accuracy = 0;
                double macroF1 = 0;
                for (long seed : seeds) {
                    long start = System.nanoTime();
                    Evaluation cv = CrossValidation.run(recipe, rows, supplementary, folds, seed);
                    accuracy += cv.accuracy() / seeds.size();
                    macroF1 += cv.macroF1() / seeds.size();
                    spec.commandLine().getErr().printf(Locale.ROOT, "%d-fold cross-validation on %s, seed %d: accuracy %.4f, macro-F1 %.4f (%.0f s)%s%n",
                            folds, data.getFileName(), seed, cv.accuracy(), cv.macroF1(), (System.nanoTime() - start) / 1e9,
                            sentiment ? ", per-class F1 " + java.util.Arrays.toString(cv.f1()) : "");
                }
                if (seeds.size() > 1) {
                    spec.commandLine().getErr().printf(Locale.ROOT, "mean over %d seeds: accuracy %.4f, macro-F1 %.4f%n",
                            seeds.size(), accuracy, macroF1);
                }
            }
            var trained = recipe.train(rows, supplementary);
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (OutputStream o = Files.newOutputStream(out)) {
                trained.model().write(o);
            }
            spec.commandLine().getErr().printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, Files.size(out));
            return 0;
        }
    }

    @Command(name = "word-vectors", mixinStandardHelpOptions = true,
            description = "Convert the word embeddings and the RNTN's word sentiment of CoreNLP's English models jar into the word-vectors file the sentiment model reads.")
    static class BuildWordVectors implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--corenlp-models", required = true, description = "stanford-corenlp-4.5.10-models.jar (e.g. from ~/.m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10/).")
        Path jar;

        @Option(names = "--out", required = true, description = "File to write (word-vectors.bin.gz).")
        Path out;

        @Override
        public Integer call() throws Exception {
            WordVectors vectors = WordVectorsBuilder.build(jar);
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (OutputStream o = Files.newOutputStream(out)) {
                vectors.write(o);
            }
            spec.commandLine().getErr().printf(Locale.ROOT, "wrote %s: %d words (%d bytes, checksum %x)%n",
                    out, vectors.size(), Files.size(out), vectors.checksum());
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Score a labelled CSV and report accuracy, macro-F1, per-class figures, the confusion matrix and messages/s.")
    static class Evaluate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--model", description = "A shipped model (sentiment, banking77, customer-service) or a model file (default: sentiment).")
        String model;

        @Option(names = "--data", required = true, description = "Labelled CSV with a header row.")
        Path data;

        @Option(names = "--text-column", defaultValue = "text", description = "Column holding the text (default: ${DEFAULT-VALUE}).")
        String textColumn;

        @Option(names = "--label-column", description = "Column holding the label (default: sentiment for a sentiment model, category for an intent model).")
        String labelColumn;

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Loaded m = load(model);
            String labels = labelColumn != null ? labelColumn : m.sentiment() != null ? "sentiment" : "category";
            List<LabelledText> rows = LabelledCsv.read(data, textColumn, labels, m.linear().labels());
            Evaluation e = ModelEvaluator.evaluate(m.linear(), rows);
            spec.commandLine().getOut().println(json ? toJson(e) : toTable(e));
            return 0;
        }

        static String toJson(Evaluation e) throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("n", e.n());
            root.put("accuracy", e.accuracy());
            root.put("macroF1", e.macroF1());
            root.put("msgsPerSecond", Math.round(e.msgsPerSecond()));
            ObjectNode perClass = root.putObject("perClass");
            for (int c = 0; c < e.labels().size(); c++) {
                ObjectNode k = perClass.putObject(e.labels().get(c));
                k.put("precision", e.precision()[c]);
                k.put("recall", e.recall()[c]);
                k.put("f1", e.f1()[c]);
            }
            ObjectNode confusion = root.putObject("confusion");
            for (int t = 0; t < e.labels().size(); t++) {
                ArrayNode row = confusion.putArray(e.labels().get(t));
                for (int p = 0; p < e.labels().size(); p++) {
                    row.add(e.confusion()[t][p]);
                }
            }
            return mapper.writeValueAsString(root);
        }

        static String toTable(Evaluation e) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "rows %d   accuracy %.4f   macro-F1 %.4f   %,.0f messages/s (one thread)%n%n",
                    e.n(), e.accuracy(), e.macroF1(), e.msgsPerSecond()));
            int width = Math.max(12, e.labels().stream().mapToInt(String::length).max().orElse(0));
            b.append(String.format(Locale.ROOT, "%-" + width + "s %9s %9s %9s%n", "class", "precision", "recall", "f1"));
            for (int c = 0; c < e.labels().size(); c++) {
                b.append(String.format(Locale.ROOT, "%-" + width + "s %9.4f %9.4f %9.4f%n", e.labels().get(c), e.precision()[c], e.recall()[c], e.f1()[c]));
            }
            if (e.labels().size() > 10) {
                return b.append("\n(confusion matrix: see --json)\n").toString();
            }
            b.append(String.format(Locale.ROOT, "%nconfusion (rows: true, columns: predicted)%n%-12s", ""));
            for (String l : e.labels()) {
                b.append(String.format(Locale.ROOT, " %9s", l));
            }
            b.append('\n');
            for (int t = 0; t < e.labels().size(); t++) {
                b.append(String.format(Locale.ROOT, "%-12s", e.labels().get(t)));
                for (int p = 0; p < e.labels().size(); p++) {
                    b.append(String.format(Locale.ROOT, " %9d", e.confusion()[t][p]));
                }
                b.append('\n');
            }
            return b.toString();
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Score one text: sentiment label, score and confidence, or the three most likely intents.")
    static class Score implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--model", description = "A shipped model (sentiment, banking77, customer-service) or a model file (default: sentiment).")
        String model;

        @Option(names = "--role", description = "customer, agent or bot (default: ${DEFAULT-VALUE}).")
        String role = "customer";

        @Option(names = "--language", description = "BCP-47 language tag of the text (default: assume English).")
        String language;

        @Parameters(arity = "1", paramLabel = "TEXT", description = "The text to score.")
        String text;

        @Override
        public Integer call() throws Exception {
            Loaded loaded = load(model);
            if (loaded.intent() != null) {
                for (IntentScore s : loaded.intent().top(text, 3)) {
                    spec.commandLine().getOut().printf(Locale.ROOT, "%s\tconfidence %.3f%n", s.intent(), s.confidence());
                }
                return 0;
            }
            SentimentModel m = loaded.sentiment();
            SpeakerRole speaker;
            try {
                speaker = SpeakerRole.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--role must be customer, agent or bot, was '" + role + "'");
            }
            SentimentScore s = m.score(text, speaker, language);
            spec.commandLine().getOut().printf(Locale.ROOT, "%s\tscore %.3f\tconfidence %.3f%s%n",
                    s.label().wireName(), s.score(), s.confidence(), s.supported() ? "" : "\t(unsupported language)");
            return 0;
        }
    }
}
