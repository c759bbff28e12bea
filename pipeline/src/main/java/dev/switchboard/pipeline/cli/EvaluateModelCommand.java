package dev.switchboard.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.models.meaning.SecondOpinionSelector;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.training.Calibration;
import dev.switchboard.models.training.Evaluation;
import dev.switchboard.models.training.LabelledSet;
import dev.switchboard.models.training.LabelledText;
import dev.switchboard.models.training.ModelEvaluator;
import dev.switchboard.models.training.SecondOpinionEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Score labelled sets and report, per set and as their mean, accuracy, macro-F1, per-class figures, calibration (ECE and a reliability table), the confusion matrix and messages/s.")
public class EvaluateModelCommand implements Callable<Integer> {
    static final int CALIBRATION_BINS = 10;

    @Spec CommandSpec spec;

    @Mixin ModelChoice model = new ModelChoice();

    @Mixin LabelledDataOptions labelled = new LabelledDataOptions();

    @Option(
            names = "--language",
            description =
                    "Without --model: evaluate the shipped sentiment model of this language (en, es, fr, de, it, pt).")
    String language;

    @Option(
            names = "--second-opinion-below",
            description =
                    "A sentiment model only: also judge it with the meaning tier's second opinion (the shipped fine-tuned network and head, docs/models.md) on the rows whose top probability is below this, as `--second-opinion-below` asks for it in the job (which asks it for the shipped English model's scores only), and report the pair's figures and the share of rows re-scored (0 = skip; default: ${DEFAULT-VALUE}).")
    double secondOpinionBelow = 0;

    @Option(
            names = "--second-opinion-likely-to-change",
            description =
                    "A sentiment model only: also judge it with the second opinion on the rows to which the shipped selector gives at least this probability that the second opinion would change the label, as `--second-opinion-likely-to-change` asks for it in the job, alone or beside --second-opinion-below (0 = skip; default: ${DEFAULT-VALUE}).")
    double secondOpinionLikelyToChange = 0;

    @Option(
            names = "--second-opinion-selector",
            paramLabel = "FILE",
            description =
                    "With --second-opinion-likely-to-change: this selector (written by 'model train-selector') instead of the shipped one.")
    java.nio.file.Path secondOpinionSelector;

    @Option(
            names = "--embedding-threads",
            description =
                    "Threads that embed the rows the second opinion re-scores (default: ${DEFAULT-VALUE}).")
    int embeddingThreads = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--json",
            description =
                    "Print a JSON array, one object per set (and one for the mean of several), instead of tables.")
    boolean json;

    private SecondOpinionSelector selectorFile() {
        try {
            return SecondOpinionSelector.read(secondOpinionSelector);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--second-opinion-selector: " + e.getMessage(), e);
        }
    }

    /** One set's figures, and the pair's when the second opinion was asked for. */
    record SetResult(
            String name,
            Evaluation evaluation,
            Calibration.Report calibration,
            SecondOpinionEvaluation.Result secondOpinion) {}

    @Override
    public Integer call() throws Exception {
        ModelCommand.Loaded m = model.load(language);
        if (secondOpinionBelow < 0 || secondOpinionBelow > 1.01) {
            throw new IllegalArgumentException("--second-opinion-below must be in [0, 1.01]");
        }
        if (secondOpinionLikelyToChange < 0 || secondOpinionLikelyToChange > 1) {
            throw new IllegalArgumentException(
                    "--second-opinion-likely-to-change must be in [0, 1]");
        }
        boolean asksSecondOpinion = secondOpinionBelow > 0 || secondOpinionLikelyToChange > 0;
        if (asksSecondOpinion && m.sentiment() == null) {
            throw new IllegalArgumentException(
                    "--second-opinion-below, --second-opinion-likely-to-change: the second opinion reads sentiment, not intents");
        }
        SentimentSecondOpinion opinion =
                asksSecondOpinion ? SentimentSecondOpinion.shipped() : null;
        if (secondOpinionSelector != null && secondOpinionLikelyToChange == 0) {
            throw new IllegalArgumentException(
                    "--second-opinion-selector is read only with --second-opinion-likely-to-change above 0");
        }
        SecondOpinionSelector selector =
                secondOpinionLikelyToChange == 0
                        ? null
                        : secondOpinionSelector != null
                                ? selectorFile()
                                : SecondOpinionSelector.shipped();
        List<SetResult> results = new ArrayList<>();
        for (LabelledSet set :
                labelled.sets("text", m.sentiment() != null ? "sentiment" : "category")) {
            List<LabelledText> rows = set.read(m.linear().labels());
            Evaluation e = ModelEvaluator.evaluate(m.linear(), rows);
            double[][] p = ModelEvaluator.probabilities(m.linear(), rows);
            int[] truth =
                    rows.stream().mapToInt(r -> m.linear().labels().indexOf(r.label())).toArray();
            SecondOpinionEvaluation.Result pair =
                    opinion == null
                            ? null
                            : SecondOpinionEvaluation.evaluate(
                                    m.linear(),
                                    opinion,
                                    rows,
                                    secondOpinionBelow,
                                    selector,
                                    secondOpinionLikelyToChange,
                                    embeddingThreads);
            results.add(
                    new SetResult(
                            set.name(), e, Calibration.report(truth, p, CALIBRATION_BINS), pair));
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
            if (r.secondOpinion() != null) {
                Evaluation pair = r.secondOpinion().evaluation();
                ObjectNode second = root.putObject("secondOpinion");
                second.put("rescored", r.secondOpinion().rescored());
                second.put("share", r.secondOpinion().share());
                second.put("accuracy", pair.accuracy());
                second.put("macroF1", pair.macroF1());
                ObjectNode f1 = second.putObject("f1");
                for (int c = 0; c < pair.labels().size(); c++) {
                    f1.put(pair.labels().get(c), pair.f1()[c]);
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
                    results.stream().mapToDouble(r -> r.calibration().ece()).average().orElse(0));
        }
        return mapper.writeValueAsString(array);
    }

    static String toTables(List<SetResult> results) {
        StringBuilder b = new StringBuilder();
        for (SetResult r : results) {
            b.append("== ")
                    .append(r.name())
                    .append(" ==\n")
                    .append(toTable(r.evaluation(), r.calibration()));
            if (r.secondOpinion() != null) {
                Evaluation pair = r.secondOpinion().evaluation();
                b.append(
                        String.format(
                                Locale.ROOT,
                                "%nwith the second opinion: %,d of %,d rows re-scored (%.1f%%)   accuracy %.4f   macro-F1 %.4f (%+.4f)%n",
                                r.secondOpinion().rescored(),
                                pair.n(),
                                100 * r.secondOpinion().share(),
                                pair.accuracy(),
                                pair.macroF1(),
                                pair.macroF1() - r.evaluation().macroF1()));
            }
            b.append('\n');
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
                        Locale.ROOT, "%nconfusion (rows: true, columns: predicted)%n%-12s", ""));
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
