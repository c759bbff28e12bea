package dev.switchboard.models.training;

import dev.switchboard.models.meaning.EmbeddingHead;
import dev.switchboard.models.meaning.EmbeddingHeadTrainer;
import dev.switchboard.models.meaning.ProductOfExperts;
import dev.switchboard.models.meaning.SentenceEmbedder;
import dev.switchboard.models.text.FeatureBuffer;
import dev.switchboard.models.text.HashedLinearModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import smile.base.mlp.Layer;
import smile.base.mlp.OutputFunction;
import smile.classification.MLP;
import smile.math.TimeFunction;

/**
 * An experiment of 2026-12-05, kept so that its figures in docs/models.md can be reproduced (run.sh
 * beside it): does a network with one hidden layer over the same sentence vectors give a better
 * second opinion than the shipped linear head? Same rows, recipe, example weights and folds (5,
 * grouped by dialogue, seed 42) as {@code SecondOpinionCrossValidation}. Smile's MLP takes no
 * example weights, so its mini-batches are drawn with probability proportional to them. One
 * configuration (arguments), not tuned.
 *
 * <p>Arguments: the shared data folder, then optionally hidden units (256), epochs (10) and the
 * initial learning rate (0.01, falling linearly to a twentieth).
 */
public final class MlpExperiment {
    private static final int BATCH = 32;
    private static final long SEED = 42;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double learningRate = args.length > 3 ? Double.parseDouble(args[3]) : 0.01;

        TrainingRecipe recipe = TrainingRecipe.sentiment("en");
        List<String> labels = recipe.labels();
        List<LabelledText> rows = new ArrayList<>();
        for (String spec : List.of("airline;weight=2", "meld-train", "dailydialog;weight=0.7")) {
            rows.addAll(LabelledSet.parse(spec, data, null, null).read(labels));
        }
        List<LabelledText> supplementary =
                ServiceRequests.read(data.resolve("bitext/customer_service_intents.csv"));
        List<String> texts = new ArrayList<>();
        rows.forEach(r -> texts.add(r.text()));
        supplementary.forEach(r -> texts.add(r.text()));
        SentenceEmbedder embedder = SentenceEmbedder.shared(SentenceEmbedder.BGE_SMALL_EN_V15_Q);
        float[][] vectors = embedder.embedAll(texts, Runtime.getRuntime().availableProcessors());
        int n = rows.size();
        int d = embedder.spec().dimensions();

        int[] foldOf = CrossValidation.foldOf(rows, 5, SEED);
        double[][] fastP = new double[n][];
        double[][] headLog = new double[n][];
        double[][] mlpLog = new double[n][];
        FeatureBuffer buffer = new FeatureBuffer();
        EmbeddingHeadTrainer headTrainer =
                new EmbeddingHeadTrainer(embedder.spec().name(), EmbeddingHeadTrainer.SIGMA);
        for (int fold = 0; fold < 5; fold++) {
            List<LabelledText> train = new ArrayList<>();
            List<float[]> trainVectors = new ArrayList<>();
            List<String> truth = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (foldOf[i] != fold) {
                    train.add(rows.get(i));
                    trainVectors.add(vectors[i]);
                    truth.add(rows.get(i).label());
                }
            }
            for (int s = 0; s < supplementary.size(); s++) {
                trainVectors.add(vectors[n + s]);
                truth.add(supplementary.get(s).label());
            }
            float[] weights = recipe.exampleWeights(train, supplementary);
            HashedLinearModel fast = recipe.train(train, supplementary).model();
            EmbeddingHead head = headTrainer.train(labels, trainVectors, truth, weights).head();
            MLP network =
                    trainNetwork(
                            trainVectors, truth, labels, weights, hidden, epochs, learningRate, fold);
            for (int i = 0; i < n; i++) {
                if (foldOf[i] == fold) {
                    fastP[i] = new double[3];
                    fast.probabilities(rows.get(i).text(), buffer, fastP[i]);
                    headLog[i] = new double[3];
                    head.logProbabilities(vectors[i], headLog[i]);
                    double[] p = new double[3];
                    network.predict(input(vectors[i]), p);
                    mlpLog[i] = new double[3];
                    for (int l = 0; l < 3; l++) {
                        mlpLog[i][l] = Math.log(Math.max(p[l], 1e-300));
                    }
                }
            }
            System.err.println("fold " + fold + " done");
        }

        report("fast model alone", labels, rows, fastP);
        report("linear head alone", labels, rows, exp(headLog));
        report("network alone", labels, rows, exp(mlpLog));
        for (double below : new double[] {0.5, 0.6, 1.01}) {
            double[][] withHead = new double[n][];
            double[][] withNetwork = new double[n][];
            int asked = 0;
            for (int i = 0; i < n; i++) {
                if (Arrays.stream(fastP[i]).max().orElse(1) < below) {
                    asked++;
                    withHead[i] = new double[3];
                    ProductOfExperts.combine(headLog[i], fastP[i], 0.5, withHead[i]);
                    withNetwork[i] = new double[3];
                    ProductOfExperts.combine(mlpLog[i], fastP[i], 0.5, withNetwork[i]);
                } else {
                    withHead[i] = fastP[i];
                    withNetwork[i] = fastP[i];
                }
            }
            String share = String.format(" below %.2f (%.1f%%)", below, 100.0 * asked / n);
            report("linear head" + share, labels, rows, withHead);
            report("network" + share, labels, rows, withNetwork);
        }
    }

    private static MLP trainNetwork(
            List<float[]> vectors,
            List<String> truth,
            List<String> labels,
            float[] weights,
            int hidden,
            int epochs,
            double learningRate,
            int fold) {
        int d = vectors.get(0).length;
        double[] cumulative = new double[vectors.size()];
        double total = 0;
        for (int i = 0; i < cumulative.length; i++) {
            total += weights[i];
            cumulative[i] = total;
        }
        MLP network =
                new MLP(
                        Layer.input(d, 0.1),
                        Layer.rectifier(hidden, 0.2),
                        Layer.mle(3, OutputFunction.SOFTMAX));
        int steps = epochs * vectors.size() / BATCH;
        network.setLearningRate(TimeFunction.linear(learningRate, steps, learningRate / 20));
        network.setMomentum(TimeFunction.constant(0.9));
        network.setWeightDecay(1e-5);
        Random random = new Random(SEED + fold);
        double[][] x = new double[BATCH][];
        int[] y = new int[BATCH];
        for (int step = 0; step < steps; step++) {
            for (int b = 0; b < BATCH; b++) {
                int i = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                i = Math.min(i < 0 ? -i - 1 : i, cumulative.length - 1);
                x[b] = input(vectors.get(i));
                y[b] = labels.indexOf(truth.get(i));
            }
            network.update(x, y);
        }
        return network;
    }

    /** The vector scaled as the linear head's trainer scales it. */
    private static double[] input(float[] vector) {
        double[] x = new double[vector.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = vector[k] * EmbeddingHeadTrainer.INPUT_SCALE;
        }
        return x;
    }

    private static double[][] exp(double[][] logP) {
        double[][] p = new double[logP.length][3];
        for (int i = 0; i < p.length; i++) {
            for (int l = 0; l < 3; l++) {
                p[i][l] = Math.exp(logP[i][l]);
            }
        }
        return p;
    }

    private static void report(
            String what, List<String> labels, List<LabelledText> rows, double[][] p) {
        StringBuilder line = new StringBuilder(String.format("%-36s", what));
        CrossValidation.result(labels, rows, p)
                .perSource()
                .forEach((set, e) -> line.append(String.format("  %s %.4f", set, e.macroF1())));
        System.out.println(line);
    }
}
