package dev.switchboard.pipeline.cli;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.meaning.EmbeddingHead;
import dev.switchboard.models.meaning.EmbeddingHeadTrainer;
import dev.switchboard.models.meaning.SentenceEmbedder;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.training.Calibration;
import dev.switchboard.models.training.CrossValidation;
import dev.switchboard.models.training.EmbeddingCrossValidation;
import dev.switchboard.models.training.Evaluation;
import dev.switchboard.models.training.LabelledSet;
import dev.switchboard.models.training.LabelledText;
import dev.switchboard.models.training.SecondOpinionCrossValidation;
import dev.switchboard.models.training.ServiceRequests;
import dev.switchboard.models.training.TrainingRecipe;
import dev.switchboard.operators.escalation.DecisiveTurns;
import dev.switchboard.operators.escalation.EscalationPolicy;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train a sentiment or intent model on labelled CSVs with CoreNLP and write its serving form.")
public class TrainModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            description =
                    "sentiment (labels negative/neutral/positive), or an intent model (banking77, customer-service, or intent: the labels are read from the data) (default: ${DEFAULT-VALUE}).")
    String model = ModelCommand.SENTIMENT;

    @Option(
            names = "--language",
            description =
                    "Language of the text (en, es, fr, de, it, pt): its tokens, negators and word sets; the model file records it (default: ${DEFAULT-VALUE}).")
    String language = "en";

    @Mixin LabelledDataOptions labelled = new LabelledDataOptions();

    @Option(names = "--out", required = true, description = "Model file to write (.model.gz).")
    Path out;

    @Option(
            names = "--service-requests",
            description =
                    "Bitext-format CSV (utterance, intent) of customer-service requests to add as supplementary examples, weighted by the recipe (see docs/models.md).")
    Path serviceRequests;

    @Option(
            names = "--supplementary",
            description =
                    "A labelled set (as --data) added as supplementary examples: trained on, weighted by the recipe's supplementary weight times its own ;weight=, never judged in cross-validation. Repeatable.")
    List<String> supplementarySets = List.of();

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

    @Option(
            names = "--head-out",
            description =
                    "Also train the embedding head (a linear classifier over the bge-small sentence vectors, see docs/models.md) and write it here (.head.gz): for an intent model the head beside the hashed model, for sentiment the second opinion's; for an intent model with --cross-validate, print the hashed model's, the head's and the pair's out-of-fold figures.")
    Path headOut;

    @Option(
            names = "--second-opinion",
            description =
                    "Sentiment, with --cross-validate: also measure a second opinion from the bge-small sentence vectors on the rows the fast model is unsure of (docs/models.md); prints figures, writes nothing more.")
    boolean secondOpinion;

    @Option(
            names = "--held-out-out",
            description =
                    "With --cross-validate: write the first seed's folds and out-of-fold predictions here as TSV (one row per training row: fold, set, dialogue, label, training weight, the fast model's probabilities, whether it is a decisive turn, text; supplementary rows with fold -1), so that a model trained elsewhere can be judged on the same folds beside the fast model.")
    Path heldOutOut;

    @Option(
            names = "--embedding-threads",
            description =
                    "Threads that embed the training rows for --head-out (default: ${DEFAULT-VALUE}).")
    int embeddingThreads = Runtime.getRuntime().availableProcessors();

    /** The key of the pooled figures among the per-set sums. */
    private static final String ALL_ROWS = "all rows";

    @Override
    public Integer call() throws Exception {
        boolean sentiment = model.equals(ModelCommand.SENTIMENT);
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
        if (!sentiment && !language.equals("en")) {
            throw new IllegalArgumentException(
                    "--language: intent models read English only, was '" + language + "'");
        }
        if (secondOpinion && (!sentiment || folds == 0)) {
            throw new IllegalArgumentException(
                    "--second-opinion measures the sentiment model: give --model sentiment and --cross-validate");
        }
        if (sentiment && headOut != null && !language.equals("en")) {
            throw new IllegalArgumentException(
                    "--head-out: the sentence embedder reads English only, was '" + language + "'");
        }
        if (heldOutOut != null && folds == 0) {
            throw new IllegalArgumentException(
                    "--held-out-out writes out-of-fold predictions: give --cross-validate too");
        }
        if (calibrate && folds == 0) {
            throw new IllegalArgumentException(
                    "--calibrate fits on out-of-fold predictions: give --cross-validate too");
        }
        List<LabelledSet> labelledSets = labelled.sets(null, null);
        TrainingRecipe recipe =
                sentiment
                        ? TrainingRecipe.sentiment(language)
                                .withServingDomain(
                                        servingDomain.equals("none") ? null : servingDomain,
                                        domainCopyScale)
                        : TrainingRecipe.intents(
                                ModelCommand.readAll(labelledSets, null).stream()
                                        .map(LabelledText::label)
                                        .distinct()
                                        .sorted()
                                        .toList());
        List<LabelledText> rows = ModelCommand.readAll(labelledSets, recipe.labels());
        List<LabelledText> supplementary = new ArrayList<>();
        if (serviceRequests != null) {
            supplementary.addAll(ServiceRequests.read(serviceRequests));
        }
        for (String spec : supplementarySets) {
            supplementary.addAll(
                    LabelledSet.parse(spec, labelled.dataDir, null, null).read(recipe.labels()));
        }
        var err = spec.commandLine().getErr();
        err.printf(
                Locale.ROOT,
                "training a %s model (%s, %d labels%s) on %d rows of %s and %d supplementary rows%n",
                model,
                recipe.language(),
                recipe.labels().size(),
                recipe.servingDomain() == null ? "" : ", serving domain " + recipe.servingDomain(),
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
        if (sentiment && (headOut != null || secondOpinion)) {
            float[][] vectors = embed(rows, supplementary, err);
            if (secondOpinion) {
                measureSecondOpinion(recipe, rows, supplementary, vectors, err);
            }
            if (headOut != null) {
                writeSentimentHead(recipe, rows, supplementary, vectors, err);
            }
        } else if (headOut != null) {
            trainHead(recipe, rows, err);
        }
        return 0;
    }

    /** The sentence vectors of the rows, then of the supplementary rows. */
    private float[][] embed(
            List<LabelledText> rows, List<LabelledText> supplementary, java.io.PrintWriter err) {
        SentenceEmbedder embedder = SentenceEmbedder.shared(SentenceEmbedder.BGE_SMALL_EN_V15_Q);
        List<String> texts = new ArrayList<>();
        rows.forEach(r -> texts.add(r.text()));
        supplementary.forEach(r -> texts.add(r.text()));
        long start = System.nanoTime();
        float[][] vectors = embedder.embedAll(texts, embeddingThreads);
        err.printf(
                Locale.ROOT,
                "embedded %d rows with %s on %d threads (%.0f s)%n",
                texts.size(),
                embedder.spec().name(),
                embeddingThreads,
                (System.nanoTime() - start) / 1e9);
        return vectors;
    }

    /**
     * The second opinion's head ({@code SentimentSecondOpinion}): trained on the fast model's rows
     * and supplementary rows with the recipe's example weights, as its cross-validation measures
     * it.
     */
    private void writeSentimentHead(
            TrainingRecipe recipe,
            List<LabelledText> rows,
            List<LabelledText> supplementary,
            float[][] vectors,
            java.io.PrintWriter err)
            throws java.io.IOException {
        List<String> truth = new ArrayList<>();
        rows.forEach(r -> truth.add(r.label()));
        supplementary.forEach(r -> truth.add(r.label()));
        EmbeddingHead head =
                new EmbeddingHeadTrainer(
                                SentenceEmbedder.BGE_SMALL_EN_V15_Q.name(),
                                EmbeddingHeadTrainer.SIGMA)
                        .train(
                                recipe.labels(),
                                java.util.Arrays.asList(vectors),
                                truth,
                                recipe.exampleWeights(rows, supplementary))
                        .head();
        writeHead(head, err);
    }

    private void writeHead(EmbeddingHead head, java.io.PrintWriter err) throws java.io.IOException {
        if (headOut.toAbsolutePath().getParent() != null) {
            Files.createDirectories(headOut.toAbsolutePath().getParent());
        }
        try (OutputStream o = Files.newOutputStream(headOut)) {
            head.write(o);
        }
        err.printf(Locale.ROOT, "wrote %s (%d bytes)%n", headOut, Files.size(headOut));
    }

    /**
     * Embeds the rows once, cross-validates the hashed model, the head and the pair on the same
     * folds (with --cross-validate), then trains the head on every row and writes it.
     */
    private void trainHead(TrainingRecipe recipe, List<LabelledText> rows, java.io.PrintWriter err)
            throws java.io.IOException {
        float[][] vectors = embed(rows, List.of(), err);
        String name = SentenceEmbedder.BGE_SMALL_EN_V15_Q.name();
        if (folds > 0) {
            for (long seed : seeds) {
                long start = System.nanoTime();
                EmbeddingCrossValidation.Figures f =
                        EmbeddingCrossValidation.run(recipe, rows, vectors, name, folds, seed);
                err.printf(
                        Locale.ROOT,
                        "%d-fold cross-validation with the embedding head, seed %d (%.0f s):%n",
                        folds,
                        seed,
                        (System.nanoTime() - start) / 1e9);
                printOverall("hashed model", f.hashed(), err);
                printOverall("head", f.head(), err);
                printOverall("hashed + head", f.combined(), err);
            }
        }
        EmbeddingHead head =
                new EmbeddingHeadTrainer(name, EmbeddingHeadTrainer.SIGMA)
                        .train(
                                recipe.labels(),
                                java.util.Arrays.asList(vectors),
                                rows.stream().map(LabelledText::label).toList())
                        .head();
        writeHead(head, err);
    }

    /** Thresholds of the fast model's top probability below which the head is asked. */
    private static final double[] SECOND_OPINION_THRESHOLDS = {0.5, 0.6, 0.7, 1.01};

    private void measureSecondOpinion(
            TrainingRecipe recipe,
            List<LabelledText> rows,
            List<LabelledText> supplementary,
            float[][] vectors,
            java.io.PrintWriter err) {
        for (long seed : seeds) {
            var f =
                    SecondOpinionCrossValidation.run(
                            recipe,
                            rows,
                            supplementary,
                            vectors,
                            SentenceEmbedder.BGE_SMALL_EN_V15_Q.name(),
                            EmbeddingHeadTrainer.SIGMA,
                            SentimentSecondOpinion.HEAD_WEIGHT,
                            SECOND_OPINION_THRESHOLDS,
                            TrainModelCommand::decisiveTurns,
                            folds,
                            seed);
            err.printf(Locale.ROOT, "second opinion, seed %d (macro-F1, share re-scored):%n", seed);
            printPerSet("fast model", f.fast(), null, err);
            printPerSet("head alone", f.head(), null, err);
            for (var t : f.thresholds()) {
                String below = String.format(Locale.ROOT, "below %.2f", t.threshold());
                printPerSet(
                        !t.marked()
                                ? below
                                : t.threshold() == 0 ? "decisive" : "decisive, " + below,
                        t.result(),
                        t.rescoredShareBySource(),
                        err);
            }
        }
    }

    /**
     * The rows {@code DecisiveTurns} marks under the default escalation policy, each row read as a
     * customer turn of its dialogue (the rows' group) after the dialogue's earlier rows: every
     * speaker's turns count, as the data sets do not say who the customer is.
     */
    private static boolean[] decisiveTurns(List<LabelledText> rows, double[] fastScores) {
        DecisiveTurns turns = DecisiveTurns.of(EscalationPolicy.defaults(), Map.of());
        Map<String, Integer> recent = new java.util.HashMap<>();
        boolean[] marked = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String group = rows.get(i).group();
            if (group == null) {
                continue; // a row that stands alone (a tweet) has no turns before it
            }
            int r = recent.getOrDefault(group, DecisiveTurns.CALM);
            marked[i] = turns.isDecisive(null, fastScores[i], r);
            recent.put(group, turns.after(null, fastScores[i], r));
        }
        return marked;
    }

    private static void printPerSet(
            String what,
            CrossValidation.Result cv,
            Map<String, Double> shares,
            java.io.PrintWriter err) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-22s", what));
        cv.perSource()
                .forEach(
                        (set, e) ->
                                line.append(
                                        String.format(
                                                Locale.ROOT,
                                                "  %s %.4f%s",
                                                set,
                                                e.macroF1(),
                                                shares == null
                                                        ? ""
                                                        : String.format(
                                                                Locale.ROOT,
                                                                " (%.0f%%)",
                                                                100 * shares.get(set)))));
        err.println(line);
    }

    private static void printOverall(
            String what, CrossValidation.Result cv, java.io.PrintWriter err) {
        err.printf(
                Locale.ROOT,
                "  %-14s n %5d  accuracy %.4f  macro-F1 %.4f%n",
                what,
                cv.overall().n(),
                cv.overall().accuracy(),
                cv.overall().macroF1());
    }

    /**
     * Prints per-set and mean figures for every seed and over the seeds; returns the mean fitted
     * temperature.
     */
    private double crossValidate(
            TrainingRecipe recipe,
            List<LabelledText> rows,
            List<LabelledText> supplementary,
            java.io.PrintWriter err)
            throws java.io.IOException {
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
                err.printf(
                        Locale.ROOT,
                        "  %-14s n %5d  accuracy %.4f  macro-F1 %.4f  per-class F1 %s%n",
                        "all rows",
                        cv.overall().n(),
                        cv.overall().accuracy(),
                        cv.overall().macroF1(),
                        f1s(cv.overall()));
                double[] all = sums.computeIfAbsent(ALL_ROWS, k -> new double[2]);
                all[0] += cv.overall().accuracy() / seeds.size();
                all[1] += cv.overall().macroF1() / seeds.size();
            }
            if (heldOutOut != null && seed == seeds.get(0)) {
                writeHeldOut(recipe, cv, supplementary, CrossValidation.foldOf(rows, folds, seed));
                err.printf(Locale.ROOT, "  wrote the folds and predictions to %s%n", heldOutOut);
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
                        sums.entrySet().stream()
                                .filter(e -> !e.getKey().equals(ALL_ROWS))
                                .mapToDouble(e -> e.getValue()[0])
                                .average()
                                .orElse(0),
                        sums.entrySet().stream()
                                .filter(e -> !e.getKey().equals(ALL_ROWS))
                                .mapToDouble(e -> e.getValue()[1])
                                .average()
                                .orElse(0));
            }
        }
        return temperatureSum / seeds.size();
    }

    /**
     * One line per row: its fold, set, dialogue, label, training weight (the recipe's, as {@link
     * TrainingRecipe#exampleWeights} gives it), the out-of-fold probabilities in the recipe's label
     * order, the decisive-turn mark (sentiment) and the text; supplementary rows have fold -1 and
     * no predictions.
     */
    private void writeHeldOut(
            TrainingRecipe recipe,
            CrossValidation.Result cv,
            List<LabelledText> supplementary,
            int[] foldOf)
            throws java.io.IOException {
        List<LabelledText> rows = cv.rows();
        List<String> labels = recipe.labels();
        float[] weights = recipe.exampleWeights(rows, supplementary);
        boolean[] decisive =
                labels.contains("positive") && labels.contains("negative")
                        ? decisiveTurns(
                                rows,
                                SecondOpinionCrossValidation.fastScores(labels, cv.probabilities()))
                        : new boolean[rows.size()];
        if (heldOutOut.toAbsolutePath().getParent() != null) {
            Files.createDirectories(heldOutOut.toAbsolutePath().getParent());
        }
        try (var w = Files.newBufferedWriter(heldOutOut)) {
            StringBuilder header = new StringBuilder("fold\tset\tdialogue\tlabel\tweight");
            labels.forEach(l -> header.append("\tp_").append(l));
            w.write(header.append("\tdecisive\ttext\n").toString());
            for (int i = 0; i < rows.size() + supplementary.size(); i++) {
                boolean primary = i < rows.size();
                LabelledText row = primary ? rows.get(i) : supplementary.get(i - rows.size());
                StringBuilder line = new StringBuilder();
                line.append(primary ? foldOf[i] : -1)
                        .append('\t')
                        .append(tsv(String.valueOf(row.source())))
                        .append('\t')
                        .append(row.group() == null ? "" : tsv(row.group()))
                        .append('\t')
                        .append(row.label())
                        .append('\t')
                        .append(weights[i]);
                for (int l = 0; l < labels.size(); l++) {
                    line.append('\t');
                    if (primary) {
                        line.append(String.format(Locale.ROOT, "%.6f", cv.probabilities()[i][l]));
                    }
                }
                line.append('\t').append(primary && decisive[i] ? 1 : 0);
                w.write(line.append('\t').append(tsv(row.text())).append('\n').toString());
            }
        }
    }

    /** A field without the TSV's separators. */
    private static String tsv(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** Out-of-fold expected calibration error of each set, and at the fitted temperature. */
    private static void printCalibration(
            TrainingRecipe recipe, CrossValidation.Result cv, double t, java.io.PrintWriter err) {
        for (String set : cv.perSource().keySet()) {
            CrossValidation.Predictions p =
                    cv.predictions(
                            recipe.labels(), row -> set.equals(String.valueOf(row.source())));
            double before =
                    Calibration.report(
                                    p.truth(),
                                    p.probabilities(),
                                    EvaluateModelCommand.CALIBRATION_BINS)
                            .ece();
            double after =
                    Calibration.report(
                                    p.truth(),
                                    Calibration.withTemperature(p.probabilities(), t),
                                    EvaluateModelCommand.CALIBRATION_BINS)
                            .ece();
            err.printf(
                    Locale.ROOT,
                    "  %-14s out-of-fold ECE %.4f%s%n",
                    set,
                    before,
                    t == 1.0
                            ? ""
                            : String.format(Locale.ROOT, ", %.4f at temperature %.3f", after, t));
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
