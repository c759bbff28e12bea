import dev.switchboard.models.meaning.SentenceEmbedder;
import dev.switchboard.models.training.EmbeddingCrossValidation;
import dev.switchboard.models.training.LabelledSet;
import dev.switchboard.models.training.LabelledText;
import dev.switchboard.models.training.TrainingRecipe;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the intent heads could read the fine-tuned network's vectors as well as plain
 * bge-small's (then the meaning tier would load one network, not two): BANKING77's hashed model,
 * head and pair, 5-fold cross-validated on the same folds over each network's unit-length vectors,
 * as `model train --model banking77 --cross-validate 5 --head-out` does for bge-small.
 *
 * <p>Usage, at the project's root after `mvn -q install -DskipTests` and `mvn -q
 * dependency:build-classpath -pl models -Dmdep.outputFile=/tmp/models.cp`: java -cp
 * "models/target/classes:$(cat /tmp/models.cp)"
 * experiments/second-opinion-finetune/IntentHeads.java ../shared/data SEED
 */
public class IntentHeads {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        LabelledSet set =
                LabelledSet.parse(
                        data.resolve("banking77/train.csv").toString(), data, "text", "category");
        List<String> labels =
                set.read(null).stream().map(LabelledText::label).distinct().sorted().toList();
        TrainingRecipe recipe = TrainingRecipe.intents(labels);
        List<LabelledText> rows = set.read(recipe.labels());
        List<String> texts = rows.stream().map(LabelledText::text).toList();
        for (SentenceEmbedder.Spec spec :
                List.of(
                        SentenceEmbedder.BGE_SMALL_EN_V15_Q,
                        SentenceEmbedder.BGE_SMALL_EN_V15_DIALOGUE_Q)) {
            float[][] v = new SentenceEmbedder(spec, 1).embedAll(texts, 2);
            for (float[] x : v) {
                double norm = 0;
                for (float c : x) {
                    norm += c * c;
                }
                for (int k = 0; k < x.length; k++) {
                    x[k] /= (float) Math.sqrt(norm); // the heads read unit vectors
                }
            }
            var f = EmbeddingCrossValidation.run(recipe, rows, v, spec.name(), 5, seed);
            System.out.printf(
                    "%s seed %d accuracy: hashed %.4f head %.4f pair %.4f; macro-F1 %.4f %.4f %.4f%n",
                    spec.name(),
                    seed,
                    f.hashed().overall().accuracy(),
                    f.head().overall().accuracy(),
                    f.combined().overall().accuracy(),
                    f.hashed().overall().macroF1(),
                    f.head().overall().macroF1(),
                    f.combined().overall().macroF1());
        }
    }
}
