import dev.switchboard.models.meaning.*;
import dev.switchboard.models.sentiment.*;
import dev.switchboard.models.text.HashedLinearModel;
import dev.switchboard.models.training.*;
import java.nio.file.*;
import java.util.*;
/**
 * The shipped int8 network and head alone on MELD dev (held out from its training), and the rows
 * as the job reads them, for meld_dev.py to score the fp32 network on the same rows; writes both
 * shipped models' probabilities per row (int8-probs.tsv, fast-probs.tsv) for selection_dev.py.
 *
 * <p>Usage, at the project root: java -cp "models/target/classes:$(cat /tmp/models.cp)"
 * experiments/second-opinion-finetune/MeldDev.java ../shared/data OUT_DIR
 */
public class MeldDev {
    public static void main(String[] a) throws Exception {
        List<String> L = List.of("negative", "neutral", "positive");
        List<LabelledText> rows = LabelledSet.parse("meld-dev", Path.of(a[0]), null, null).read(L);
        StringBuilder tsv = new StringBuilder();
        for (LabelledText r : rows) tsv.append(r.label()).append('\t').append(r.text().replace('\t', ' ').replace('\n', ' ')).append('\n');
        Files.writeString(Path.of(a[1], "meld-dev.tsv"), tsv);
        EmbeddingHead.Versioned head = EmbeddingHead.resource(SentimentSecondOpinion.RESOURCE);
        SentenceEmbedder e = SentenceEmbedder.shared(head.head().embedder());
        float[][] v = e.embedAll(rows.stream().map(LabelledText::text).toList(), 2);
        int[] truth = new int[rows.size()], pred = new int[rows.size()];
        double[] log = new double[3];
        StringBuilder probs = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            truth[i] = L.indexOf(rows.get(i).label());
            head.head().logProbabilities(v[i], log);
            double[] p = new double[3];
            for (int l = 0; l < 3; l++) p[l] = Math.exp(log[head.head().labels().indexOf(L.get(l))]);
            pred[i] = ModelEvaluator.argMax(p);
            probs.append(p[0]).append('\t').append(p[1]).append('\t').append(p[2]).append('\n');
        }
        Files.writeString(Path.of(a[1], "int8-probs.tsv"), probs);
        HashedLinearModel fast = SentimentModel.shipped("en").linearModel();
        double[][] f = ModelEvaluator.probabilities(fast, rows);
        StringBuilder fastProbs = new StringBuilder();
        for (double[] row : f) {
            for (int l = 0; l < 3; l++) fastProbs.append(l > 0 ? "\t" : "").append(row[fast.labels().indexOf(L.get(l))]);
            fastProbs.append('\n');
        }
        Files.writeString(Path.of(a[1], "fast-probs.tsv"), fastProbs);
        Evaluation ev = Evaluation.of(L, truth, pred, 0);
        System.out.printf("int8 network alone on MELD dev: rows %d accuracy %.4f macro-F1 %.4f%n", rows.size(), ev.accuracy(), ev.macroF1());
    }
}
