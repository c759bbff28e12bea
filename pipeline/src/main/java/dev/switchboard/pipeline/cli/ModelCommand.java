package dev.switchboard.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.intent.IntentScore;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.text.WordVectors;
import dev.switchboard.models.training.Calibration;
import dev.switchboard.models.training.CrossValidation;
import dev.switchboard.models.training.Evaluation;
import dev.switchboard.models.training.LabelledSet;
import dev.switchboard.models.training.LabelledText;
import dev.switchboard.models.training.ModelEvaluator;
import dev.switchboard.models.training.ServiceRequests;
import dev.switchboard.models.training.TrainingRecipe;
import dev.switchboard.models.training.WordVectorsBuilder;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard model train | evaluate | score | word-vectors}: the models' commands. {@code
 * --model} names a shipped model ({@code sentiment}, {@code banking77}, {@code customer-service})
 * or, for evaluate and score, a model file; a file is an intent model unless its labels are the
 * sentiment labels.
 */
@Command(
        name = "model",
        description = "Train, evaluate and try the sentiment and intent models.",
        mixinStandardHelpOptions = true,
        subcommands = {
            ModelCommand.Train.class,
            ModelCommand.Evaluate.class,
            ModelCommand.Score.class,
            ModelCommand.BuildWordVectors.class
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
                            + ") nor a readable file");
        }
        IntentModel m = IntentModel.load(file);
        return m.intents().equals(List.of("negative", "neutral", "positive"))
                ? new Loaded(new SentimentModel(m.linearModel()), null)
                : new Loaded(null, m);
    }

    /** The shared data folder that built-in set names are read from. */
    static final String DEFAULT_DATA_DIR = "../shared/data";

    static List<LabelledSet> sets(
            List<String> specs, Path dataDir, String textColumn, String labelColumn) {
        return specs.stream()
                .map(spec -> LabelledSet.parse(spec, dataDir, textColumn, labelColumn))
                .toList();
    }

    static List<LabelledText> readAll(List<LabelledSet> sets, List<String> labels)
            throws java.io.IOException {
        List<LabelledText> rows = new ArrayList<>();
        for (LabelledSet set : sets) {
            rows.addAll(set.read(labels));
        }
        return rows;
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description =
                    "Train a sentiment or intent model on labelled CSVs with CoreNLP and write its serving form.")
    static class Train implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(
                names = "--model",
                description =
                        "sentiment (labels negative/neutral/positive), or an intent model (banking77, customer-service, or intent: the labels are read from the data) (default: ${DEFAULT-VALUE}).")
        String model = SENTIMENT;

        @Option(
                names = "--data",
                required = true,
                description =
                        "Labelled set, repeatable: a built-in name (airline, meld-train, meld-dev, dailydialog; read from --data-dir) or FILE, either followed by ;key=value settings: name, text, label, group (rows kept in one fold), domain (tweet, dialogue, ...), map=from:to,from:to. See docs/models.md.")
        List<String> data;

        @Option(
                names = "--data-dir",
                description = "Folder the built-in sets are read from (default: ${DEFAULT-VALUE}).")
        Path dataDir = Path.of(DEFAULT_DATA_DIR);

        @Option(
                names = "--text-column",
                description = "Text column of a --data FILE that names none.")
        String textColumn;

        @Option(
                names = "--label-column",
                description =
                        "Label column of a --data FILE that names none (negative/neutral/positive for sentiment, the intent otherwise).")
        String labelColumn;

        @Option(names = "--out", required = true, description = "Model file to write (.model.gz).")
        Path out;

        @Option(
                names = "--service-requests",
                description =
                        "Bitext-format CSV (utterance, intent) of customer-service requests to add as supplementary examples, weighted by the recipe (see docs/models.md).")
        Path serviceRequests;

        @Option(
                names = "--cross-validate",
                description =
                        "Also report k-fold cross-validated figures per set, folds grouped by dialogue (0 = skip; default: ${DEFAULT-VALUE}).")
        int folds = 0;

        @Option(
                names = "--seeds",
                split = ",",
                description =
                        "Shuffle seeds of the cross-validation, one run each, and the mean (default: ${DEFAULT-VALUE}).")
        List<Long> seeds = List.of(42L, 7L, 99L);

        @Option(
                names = "--serving-domain",
                description =
                        "Domain-aware training (a shared and a per-domain copy of each feature; the written model is the shared copy plus this domain's): the domain to serve, 'shared' for the shared copy alone, or 'none' to train one copy for all rows (default: ${DEFAULT-VALUE}, as the shipped model).")
        String servingDomain = "none";

        @Option(
                names = "--domain-copy-scale",
                description =
                        "Value of a domain's copy of each feature relative to the shared copy; below 1 the prior holds the domain copies closer to 0 (default: the recipe's, ${DEFAULT-VALUE}).")
        double domainCopyScale = TrainingRecipe.SENTIMENT.domainCopyScale();

        @Option(
                names = "--calibrate",
                description =
                        "Fit a temperature to the out-of-fold predictions of the --calibrate-on domain's rows (mean over the seeds) and fold it into the written model; needs --cross-validate.")
        boolean calibrate;

        @Option(
                names = "--calibrate-on",
                description =
                        "The domain whose rows the temperature is fitted to: the one the model serves (default: ${DEFAULT-VALUE}).")
        String calibrationDomain = LabelledSet.DIALOGUE;

        @Override
        public Integer call() throws Exception {
            boolean sentiment = model.equals(SENTIMENT);
            if (!sentiment && !model.equals("intent") && !IntentModel.SHIPPED.containsKey(model)) {
                throw new IllegalArgumentException(
                        "--model must be sentiment, banking77, customer-service or intent, was '"
                                + model
                                + "'");
            }
            if (!sentiment && serviceRequests != null) {
                throw new IllegalArgumentException(
                        "--service-requests adds examples to the sentiment model only");
            }
            if (calibrate && folds == 0) {
                throw new IllegalArgumentException(
                        "--calibrate fits on out-of-fold predictions: give --cross-validate too");
            }
            List<LabelledSet> labelledSets = sets(data, dataDir, textColumn, labelColumn);
            TrainingRecipe recipe =
                    sentiment
                            ? TrainingRecipe.SENTIMENT.withServingDomain(
                                    servingDomain.equals("none") ? null : servingDomain,
                                    domainCopyScale)
                            : TrainingRecipe.intents(
                                    readAll(labelledSets, null).stream()
                                            .map(LabelledText::label)
                                            .distinct()
                                            .sorted()
                                            .toList());
            List<LabelledText> rows = readAll(labelledSets, recipe.labels());
            List<LabelledText> supplementary =
                    serviceRequests == null ? List.of() : ServiceRequests.read(serviceRequests);
            var err = spec.commandLine().getErr();
            err.printf(
                    Locale.ROOT,
                    "training a %s model (%d labels%s) on %d rows of %s and %d service requests%n",
                    model,
                    recipe.labels().size(),
                    recipe.servingDomain() == null
                            ? ""
                            : ", serving domain " + recipe.servingDomain(),
                    rows.size(),
                    labelledSets.stream().map(LabelledSet::name).toList(),
                    supplementary.size());
            double temperature = 1.0;
            if (folds > 0) {
                temperature = crossValidate(recipe, rows, supplementary, err);
            }
            var trained = recipe.train(rows, supplementary);
            HashedLinearModel served =
                    calibrate ? trained.model().withTemperature(temperature) : trained.model();
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (OutputStream o = Files.newOutputStream(out)) {
                served.write(o);
            }
            err.printf(
                    Locale.ROOT,
                    "wrote %s (%d bytes%s)%n",
                    out,
                    Files.size(out),
                    calibrate ? String.format(Locale.ROOT, ", temperature %.3f", temperature) : "");
            return 0;
        }

        /**
         * Prints per-set and mean figures for every seed and over the seeds; returns the mean
         * fitted temperature.
         */
        private double crossValidate(
                TrainingRecipe recipe,
                List<LabelledText> rows,
                List<LabelledText> supplementary,
                java.io.PrintWriter err) {
            Map<String, double[]> sums = new LinkedHashMap<>();
            double temperatureSum = 0;
            for (long seed : seeds) {
                long start = System.nanoTime();
                CrossValidation.Result cv =
                        CrossValidation.run(recipe, rows, supplementary, folds, seed);
                err.printf(
                        Locale.ROOT,
                        "%d-fold cross-validation, seed %d (%.0f s):%n",
                        folds,
                        seed,
                        (System.nanoTime() - start) / 1e9);
                cv.perSource()
                        .forEach(
                                (set, e) -> {
                                    err.printf(
                                            Locale.ROOT,
                                            "  %-14s n %5d  accuracy %.4f  macro-F1 %.4f  per-class F1 %s%n",
                                            set,
                                            e.n(),
                                            e.accuracy(),
                                            e.macroF1(),
                                            f1s(e));
                                    double[] sum = sums.computeIfAbsent(set, k -> new double[2]);
                                    sum[0] += e.accuracy() / seeds.size();
                                    sum[1] += e.macroF1() / seeds.size();
                                });
                if (cv.perSource().size() > 1) {
                    err.printf(
                            Locale.ROOT,
                            "  %-14s          accuracy %.4f  macro-F1 %.4f%n",
                            "mean of sets",
                            cv.meanAccuracy(),
                            cv.meanMacroF1());
                }
                double t = calibrate ? fitTemperature(recipe, cv) : 1.0;
                temperatureSum += t;
                if (calibrate) {
                    err.printf(
                            Locale.ROOT,
                            "  temperature fitted on the %s rows: %.3f%n",
                            calibrationDomain,
                            t);
                }
                printCalibration(recipe, cv, t, err);
            }
            if (seeds.size() > 1) {
                err.printf(Locale.ROOT, "mean over %d seeds:%n", seeds.size());
                sums.forEach(
                        (set, s) ->
                                err.printf(
                                        Locale.ROOT,
                                        "  %-14s accuracy %.4f  macro-F1 %.4f%n",
                                        set,
                                        s[0],
                                        s[1]));
                if (sums.size() > 1) {
                    err.printf(
                            Locale.ROOT,
                            "  %-14s accuracy %.4f  macro-F1 %.4f%n",
                            "mean of sets",
                            sums.values().stream().mapToDouble(s -> s[0]).average().orElse(0),
                            sums.values().stream().mapToDouble(s -> s[1]).average().orElse(0));
                }
            }
            return temperatureSum / seeds.size();
        }

        /** Out-of-fold expected calibration error of each set, and at the fitted temperature. */
        private static void printCalibration(
                TrainingRecipe recipe,
                CrossValidation.Result cv,
                double t,
                java.io.PrintWriter err) {
            for (String set : cv.perSource().keySet()) {
                CrossValidation.Predictions p =
                        cv.predictions(
                                recipe.labels(), row -> set.equals(String.valueOf(row.source())));
                double before =
                        Calibration.report(p.truth(), p.probabilities(), Evaluate.CALIBRATION_BINS)
                                .ece();
                double after =
                        Calibration.report(
                                        p.truth(),
                                        Calibration.withTemperature(p.probabilities(), t),
                                        Evaluate.CALIBRATION_BINS)
                                .ece();
                err.printf(
                        Locale.ROOT,
                        "  %-14s out-of-fold ECE %.4f%s%n",
                        set,
                        before,
                        t == 1.0
                                ? ""
                                : String.format(
                                        Locale.ROOT, ", %.4f at temperature %.3f", after, t));
            }
        }

        private double fitTemperature(TrainingRecipe recipe, CrossValidation.Result cv) {
            CrossValidation.Predictions p =
                    cv.predictions(recipe.labels(), row -> calibrationDomain.equals(row.domain()));
            if (p.truth().length == 0) {
                throw new IllegalArgumentException(
                        "--calibrate-on "
                                + calibrationDomain
                                + ": no --data set has rows of that domain");
            }
            return Calibration.fitTemperature(p.truth(), p.probabilities());
        }

        private static String f1s(Evaluation e) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < e.labels().size() && c < 10; c++) {
                b.append(c == 0 ? "" : " ")
                        .append(e.labels().get(c))
                        .append(String.format(Locale.ROOT, " %.3f", e.f1()[c]));
            }
            return b.toString();
        }
    }

    @Command(
            name = "word-vectors",
            mixinStandardHelpOptions = true,
            description =
                    "Convert the word embeddings and the RNTN's word sentiment of CoreNLP's English models jar into the word-vectors file the sentiment model reads.")
    static class BuildWordVectors implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(
                names = "--corenlp-models",
                required = true,
                description =
                        "stanford-corenlp-4.5.10-models.jar (e.g. from ~/.m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10/).")
        Path jar;

        @Option(
                names = "--out",
                required = true,
                description = "File to write (word-vectors.bin.gz).")
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
            spec.commandLine()
                    .getErr()
                    .printf(
                            Locale.ROOT,
                            "wrote %s: %d words (%d bytes, checksum %x)%n",
                            out,
                            vectors.size(),
                            Files.size(out),
                            vectors.checksum());
            return 0;
        }
    }

    @Command(
            name = "evaluate",
            mixinStandardHelpOptions = true,
            description =
                    "Score labelled sets and report, per set and as their mean, accuracy, macro-F1, per-class figures, calibration (ECE and a reliability table), the confusion matrix and messages/s.")
    static class Evaluate implements Callable<Integer> {
        static final int CALIBRATION_BINS = 10;

        @Spec CommandSpec spec;

        @Option(
                names = "--model",
                description =
                        "A shipped model (sentiment, banking77, customer-service) or a model file (default: sentiment).")
        String model;

        @Option(
                names = "--data",
                required = true,
                description =
                        "Labelled set, repeatable: a built-in name (airline, meld-train, meld-dev, dailydialog; read from --data-dir) or FILE, either followed by ;key=value settings (name, text, label, group, domain, map=from:to,from:to). See docs/models.md.")
        List<String> data;

        @Option(
                names = "--data-dir",
                description = "Folder the built-in sets are read from (default: ${DEFAULT-VALUE}).")
        Path dataDir = Path.of(DEFAULT_DATA_DIR);

        @Option(
                names = "--text-column",
                defaultValue = "text",
                description =
                        "Text column of a --data FILE that names none (default: ${DEFAULT-VALUE}).")
        String textColumn;

        @Option(
                names = "--label-column",
                description =
                        "Label column of a --data FILE that names none (default: sentiment for a sentiment model, category for an intent model).")
        String labelColumn;

        @Option(
                names = "--json",
                description =
                        "Print a JSON array, one object per set (and one for the mean of several), instead of tables.")
        boolean json;

        /** One set's figures. */
        record SetResult(String name, Evaluation evaluation, Calibration.Report calibration) {}

        @Override
        public Integer call() throws Exception {
            Loaded m = load(model);
            String labels =
                    labelColumn != null
                            ? labelColumn
                            : m.sentiment() != null ? "sentiment" : "category";
            List<SetResult> results = new ArrayList<>();
            for (LabelledSet set : sets(data, dataDir, textColumn, labels)) {
                List<LabelledText> rows = set.read(m.linear().labels());
                Evaluation e = ModelEvaluator.evaluate(m.linear(), rows);
                double[][] p = ModelEvaluator.probabilities(m.linear(), rows);
                int[] truth =
                        rows.stream()
                                .mapToInt(r -> m.linear().labels().indexOf(r.label()))
                                .toArray();
                results.add(
                        new SetResult(
                                set.name(), e, Calibration.report(truth, p, CALIBRATION_BINS)));
            }
            spec.commandLine().getOut().print(json ? toJson(results) + "\n" : toTables(results));
            spec.commandLine().getOut().flush();
            return 0;
        }

        static String toJson(List<SetResult> results) throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (SetResult r : results) {
                Evaluation e = r.evaluation();
                ObjectNode root = array.addObject();
                root.put("set", r.name());
                root.put("n", e.n());
                root.put("accuracy", e.accuracy());
                root.put("macroF1", e.macroF1());
                root.put("ece", r.calibration().ece());
                root.put("logLoss", r.calibration().logLoss());
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
                ArrayNode reliability = root.putArray("reliability");
                for (Calibration.Bin bin : r.calibration().bins()) {
                    ObjectNode b = reliability.addObject();
                    b.put("from", bin.from());
                    b.put("to", bin.to());
                    b.put("n", bin.count());
                    b.put("confidence", bin.meanConfidence());
                    b.put("accuracy", bin.accuracy());
                }
            }
            if (results.size() > 1) {
                ObjectNode mean = array.addObject();
                mean.put("set", "mean");
                mean.put("sets", results.size());
                mean.put(
                        "accuracy",
                        results.stream()
                                .mapToDouble(r -> r.evaluation().accuracy())
                                .average()
                                .orElse(0));
                mean.put(
                        "macroF1",
                        results.stream()
                                .mapToDouble(r -> r.evaluation().macroF1())
                                .average()
                                .orElse(0));
                mean.put(
                        "ece",
                        results.stream()
                                .mapToDouble(r -> r.calibration().ece())
                                .average()
                                .orElse(0));
            }
            return mapper.writeValueAsString(array);
        }

        static String toTables(List<SetResult> results) {
            StringBuilder b = new StringBuilder();
            for (SetResult r : results) {
                b.append("== ")
                        .append(r.name())
                        .append(" ==\n")
                        .append(toTable(r.evaluation(), r.calibration()))
                        .append('\n');
            }
            if (results.size() > 1) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "== mean of %d sets ==%n%-14s %9s %9s %9s%n",
                                results.size(),
                                "set",
                                "accuracy",
                                "macro-F1",
                                "ECE"));
                for (SetResult r : results) {
                    b.append(
                            String.format(
                                    Locale.ROOT,
                                    "%-14s %9.4f %9.4f %9.4f%n",
                                    r.name(),
                                    r.evaluation().accuracy(),
                                    r.evaluation().macroF1(),
                                    r.calibration().ece()));
                }
                b.append(
                        String.format(
                                Locale.ROOT,
                                "%-14s %9.4f %9.4f %9.4f%n",
                                "mean",
                                results.stream()
                                        .mapToDouble(r -> r.evaluation().accuracy())
                                        .average()
                                        .orElse(0),
                                results.stream()
                                        .mapToDouble(r -> r.evaluation().macroF1())
                                        .average()
                                        .orElse(0),
                                results.stream()
                                        .mapToDouble(r -> r.calibration().ece())
                                        .average()
                                        .orElse(0)));
            }
            return b.toString();
        }

        static String toTable(Evaluation e, Calibration.Report calibration) {
            StringBuilder b = new StringBuilder();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "rows %d   accuracy %.4f   macro-F1 %.4f   ECE %.4f   log-loss %.4f   %,.0f messages/s (one thread)%n%n",
                            e.n(),
                            e.accuracy(),
                            e.macroF1(),
                            calibration.ece(),
                            calibration.logLoss(),
                            e.msgsPerSecond()));
            int width = Math.max(12, e.labels().stream().mapToInt(String::length).max().orElse(0));
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%-" + width + "s %9s %9s %9s%n",
                            "class",
                            "precision",
                            "recall",
                            "f1"));
            for (int c = 0; c < e.labels().size(); c++) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "%-" + width + "s %9.4f %9.4f %9.4f%n",
                                e.labels().get(c),
                                e.precision()[c],
                                e.recall()[c],
                                e.f1()[c]));
            }
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%nreliability (top-label confidence)%n%-12s %7s %11s %9s%n",
                            "confidence",
                            "rows",
                            "mean conf.",
                            "accuracy"));
            for (Calibration.Bin bin : calibration.bins()) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "%.1f-%.1f      %7d %11.3f %9.3f%n",
                                bin.from(),
                                bin.to(),
                                bin.count(),
                                bin.meanConfidence(),
                                bin.accuracy()));
            }
            if (e.labels().size() > 10) {
                return b.append("\n(confusion matrix: see --json)\n").toString();
            }
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%nconfusion (rows: true, columns: predicted)%n%-12s",
                            ""));
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

    @Command(
            name = "score",
            mixinStandardHelpOptions = true,
            description =
                    "Score one text: sentiment label, score and confidence, or the three most likely intents.")
    static class Score implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(
                names = "--model",
                description =
                        "A shipped model (sentiment, banking77, customer-service) or a model file (default: sentiment).")
        String model;

        @Option(
                names = "--role",
                description = "customer, agent or bot (default: ${DEFAULT-VALUE}).")
        String role = "customer";

        @Option(
                names = "--language",
                description = "BCP-47 language tag of the text (default: assume English).")
        String language;

        @Parameters(arity = "1", paramLabel = "TEXT", description = "The text to score.")
        String text;

        @Override
        public Integer call() throws Exception {
            Loaded loaded = load(model);
            if (loaded.intent() != null) {
                for (IntentScore s : loaded.intent().top(text, 3)) {
                    spec.commandLine()
                            .getOut()
                            .printf(
                                    Locale.ROOT,
                                    "%s\tconfidence %.3f%n",
                                    s.intent(),
                                    s.confidence());
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
}
