package dev.switchboard.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SwitchboardCommandTest {
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SwitchboardCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command :
                new String[][] {
                    {},
                    {"demo"},
                    {"run"},
                    {"model"},
                    {"model", "train"},
                    {"model", "evaluate"},
                    {"model", "score"},
                    {"model", "word-vectors"},
                    {"model", "train-selector"},
                    {"backtest"},
                    {"dataset"},
                    {"dataset", "meld"}
                }) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertEquals(0, run(args), String.join(" ", args));
        }
        assertTrue(out.toString().contains("--bootstrap-servers"));
    }

    @Test
    void anUnknownFlagIsRefusedByName() {
        assertEquals(2, run("run", "--bootstrap-server", "x:1"));
        assertTrue(err.toString().contains("--bootstrap-server"), err.toString());
    }

    @Test
    void aBadValueNamesTheOption() {
        assertEquals(2, run("run", "--delivery", "twice"));
        assertTrue(err.toString().contains("--delivery"), err.toString());
    }

    @Test
    void aSecondOpinionThresholdOutsideAProbabilityIsRefused() {
        assertEquals(2, run("run", "--meaning-tier", "on", "--second-opinion-below", "1.5"));
        assertTrue(err.toString().contains("--second-opinion-below"), err.toString());
    }

    @Test
    void anEmbeddingHeadIsTrainedForEnglishOnly() {
        assertEquals(
                2,
                run(
                        "model",
                        "train",
                        "--language",
                        "fr",
                        "--data",
                        "umsab-fr",
                        "--out",
                        "unused.model.gz",
                        "--head-out",
                        "unused.head.gz"));
        assertTrue(err.toString().contains("--head-out"), err.toString());
    }

    @Test
    void anUnreadableDurationNamesTheOption() {
        assertEquals(2, run("run", "--idle-timeout", "soon"));
        assertTrue(err.toString().contains("--idle-timeout"), err.toString());
    }

    @Test
    void aMissingOrForeignModelFileStopsTheStartNamingIt() throws Exception {
        assertEquals(2, run("run", "--sentiment-model", "/nonexistent/acme.model.gz"));
        assertTrue(
                err.toString().contains("--sentiment-model")
                        && err.toString().contains("/nonexistent/acme.model.gz"),
                err.toString());
        Path intents = Files.createTempFile("intents", ".model.gz");
        intents.toFile().deleteOnExit();
        try (var o = Files.newOutputStream(intents)) {
            dev.switchboard.models.intent.IntentModel.shipped("customer-service")
                    .linearModel()
                    .write(o);
        }
        assertEquals(2, run("run", "--tenant-sentiment-model", "acme=" + intents));
        assertTrue(
                err.toString().contains("--tenant-sentiment-model acme")
                        && err.toString().contains("not a sentiment model"),
                err.toString());
    }

    @Test
    void valuesThatContradictEachOtherAreRefused() {
        assertEquals(2, run("run", "--idle-timeout", "2h", "--state-ttl", "1h"));
        assertTrue(err.toString().contains("--state-ttl"), err.toString());
    }

    @Test
    void evaluatesAShippedIntentModelOnACsvOfTextAndCategory() throws Exception {
        String data =
                csv(
                        "text,category\nMy new card still hasn't been delivered.,card_arrival\nHow can I change the PIN of my card?,change_pin\n");
        assertEquals(
                0,
                run("model", "evaluate", "--model", "banking77", "--data", data, "--json"),
                err.toString());
        var array = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertEquals(1, array.size(), "one object per --data set, no mean for a single set");
        var json = array.get(0);
        assertEquals(2, json.path("n").asInt());
        assertEquals(1.0, json.path("accuracy").asDouble());
        assertEquals(77, json.path("perClass").size());
    }

    /**
     * With the second opinion asked for below 0.6, the rows the fast model is unsure of (counted
     * here from its own scores) are re-scored and the pair's figures reported beside its own; an
     * intent model has no second opinion.
     */
    @Test
    void evaluatesASentimentModelWithTheSecondOpinionOnItsUnsureRows() throws Exception {
        List<String> texts =
                List.of(
                        "fine, whatever",
                        "ok I guess that works",
                        "I already restarted the router three times. Still nothing.",
                        "This is the worst service ever, I am furious!",
                        "Thanks, that is great, you fixed it",
                        "no");
        List<String> labels =
                List.of("negative", "neutral", "negative", "negative", "positive", "neutral");
        StringBuilder csv = new StringBuilder("text,sentiment\n");
        int unsure = 0;
        var fast = dev.switchboard.models.sentiment.SentimentModel.loadDefault();
        for (int i = 0; i < texts.size(); i++) {
            csv.append('"').append(texts.get(i)).append("\",").append(labels.get(i)).append('\n');
            if (fast.score(
                                    texts.get(i),
                                    dev.switchboard.models.sentiment.SpeakerRole.CUSTOMER,
                                    "en")
                            .confidence()
                    < 0.6) {
                unsure++;
            }
        }
        assertTrue(unsure > 0 && unsure < texts.size(), "some rows unsure, not all: " + unsure);
        String data = csv(csv.toString());
        assertEquals(
                0,
                run("model", "evaluate", "--data", data, "--second-opinion-below", "0.6", "--json"),
                err.toString());
        var json =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString()).get(0);
        var second = json.path("secondOpinion");
        assertEquals(unsure, second.path("rescored").asInt(), json.toString());
        assertEquals((double) unsure / texts.size(), second.path("share").asDouble(), 1e-9);
        assertEquals(3, second.path("f1").size());
        assertTrue(second.path("macroF1").asDouble() > 0, json.toString());

        assertEquals(
                2,
                run(
                        "model",
                        "evaluate",
                        "--model",
                        "banking77",
                        "--data",
                        csv("text,category\nhi,card_arrival\n"),
                        "--second-opinion-below",
                        "0.6"));
        assertTrue(err.toString().contains("--second-opinion-below"), err.toString());

        // Where the selector expects a change instead: as many rows as it gives 0.5 or more.
        var selector = dev.switchboard.models.meaning.SecondOpinionSelector.shipped();
        var linear = fast.linearModel();
        double[] p = new double[3];
        int likely = 0;
        for (String text : texts) {
            linear.probabilities(text, new dev.switchboard.models.text.FeatureBuffer(), p);
            if (selector.changeProbability(
                            text,
                            p[linear.labels().indexOf("negative")],
                            p[linear.labels().indexOf("neutral")],
                            p[linear.labels().indexOf("positive")])
                    >= 0.5) {
                likely++;
            }
        }
        assertTrue(likely > 0, "the selector expects a change somewhere");
        out.getBuffer().setLength(0);
        assertEquals(
                0,
                run(
                        "model",
                        "evaluate",
                        "--data",
                        data,
                        "--second-opinion-likely-to-change",
                        "0.5",
                        "--json"),
                err.toString());
        var likelyJson =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString()).get(0);
        assertEquals(
                likely,
                likelyJson.path("secondOpinion").path("rescored").asInt(),
                likelyJson.toString());
    }

    @Test
    void fitsTheSelectorToRecordedMessagesAndTheJobsEvaluationReadsIt(@TempDir Path dir)
            throws Exception {
        // Forty conversations: two customer turns the second opinion relabels (the model card's
        // examples), one it keeps, one with an e-mail address, an agent turn; then a French message
        // and a line that is not JSON, which are counted and passed over.
        StringBuilder jsonl = new StringBuilder();
        String[] customer = {
            "fine, whatever",
            "I already restarted the router three times. Still nothing.",
            "great, that worked perfectly, thank you",
            "my email is zelda.quux@example.com"
        };
        for (int c = 0; c < 40; c++) {
            for (int t = 0; t < 5; t++) {
                jsonl.append(
                        String.format(
                                java.util.Locale.ROOT,
                                "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\"c%d\",\"customerId\":\"u%d\",\"channel\":\"chat\",\"messageId\":\"m%d\",\"role\":\"%s\",\"text\":\"%s\",\"ts\":%d}%n",
                                c,
                                c,
                                t,
                                t < 4 ? "customer" : "agent",
                                t < 4 ? customer[t] : "Let me check that for you.",
                                1_767_229_200_000L + 1000L * (5 * c + t)));
            }
        }
        jsonl.append(
                "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\"f1\",\"customerId\":\"u\",\"channel\":\"chat\",\"messageId\":\"m1\",\"role\":\"customer\",\"text\":\"Ca ne marche pas\",\"language\":\"fr-FR\",\"ts\":1767229200000}\n");
        jsonl.append("not json\n");
        Path input = Files.writeString(dir.resolve("traffic.jsonl"), jsonl);
        Path selectorFile = dir.resolve("selector.gz");

        java.util.function.Function<String, Integer> trainSelector =
                last ->
                        run(
                                "model",
                                "train-selector",
                                "--input",
                                input.toString(),
                                "--out",
                                selectorFile.toString(),
                                "--held-out",
                                "0.25",
                                last);
        assertEquals(0, trainSelector.apply("--threads=2"), err.toString());
        assertTrue(
                err.toString()
                        .contains(
                                "202 lines: 160 English customer messages read, 40 other records"),
                err.toString());
        assertTrue(err.toString().contains("1 in other languages"), err.toString());
        assertTrue(err.toString().contains("1 rejected {INVALID_JSON=1}"), err.toString());
        assertTrue(err.toString().contains("changes the label of 80 (50.0%)"), err.toString());
        assertTrue(out.toString().contains("shipped: asked, caught"), out.toString());
        assertTrue(out.toString().contains("wrote " + selectorFile), out.toString());

        // The same figures as one JSON object, for a deployment that automates the fit.
        out.getBuffer().setLength(0);
        assertEquals(0, trainSelector.apply("--json"), err.toString());
        var fitJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertEquals(160, fitJson.path("messages").asInt(), fitJson.toString());
        assertEquals(80, fitJson.path("changes").asInt());
        assertEquals(selectorFile.toString(), fitJson.path("out").asText());
        var lines = fitJson.path("heldOut").path("lines");
        assertEquals(TrainSelectorCommand.LINES.length, lines.size());
        assertEquals(0.2, lines.get(0).path("line").asDouble());
        assertTrue(
                lines.get(0).path("shipped").path("askedShare").asDouble()
                        >= lines.get(5).path("shipped").path("askedShare").asDouble(),
                "a higher line asks for no more: " + lines);

        var selector = dev.switchboard.models.meaning.SecondOpinionSelector.read(selectorFile);
        // Fitted on the messages redacted: the address in forty of them left no weight behind,
        // so its words read as a word never seen does.
        // (Weights are kept per fast label: asked for each label the address could have had.)
        for (double[] fast : new double[][] {{0.6, 0.3, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.3, 0.6}}) {
            assertEquals(
                    selector.changeProbability("zelda quux", fast[0], fast[1], fast[2]),
                    selector.changeProbability("wyvern ostrich", fast[0], fast[1], fast[2]),
                    1e-12);
        }
        assertTrue(
                selector.changeProbability("fine, whatever", 0.44, 0.36, 0.20)
                        > selector.changeProbability(
                                "great, that worked perfectly, thank you", 0.02, 0.08, 0.90));

        // The evaluation a deployment runs on its labelled turns reads the fitted selector.
        String data =
                csv("text,sentiment\n\"fine, whatever\",neutral\nthank you so much,positive\n");
        java.util.function.Function<Path, Integer> evaluateWith =
                selectorPath ->
                        run(
                                "model",
                                "evaluate",
                                "--data",
                                data,
                                "--second-opinion-likely-to-change",
                                "0.5",
                                "--second-opinion-selector",
                                selectorPath.toString(),
                                "--json");
        assertEquals(0, evaluateWith.apply(selectorFile), err.toString());
        assertTrue(out.toString().contains("\"secondOpinion\""), out.toString());
        assertEquals(2, evaluateWith.apply(input));
        assertTrue(
                err.toString().contains("cannot read the second-opinion selector"), err.toString());
    }

    @Test
    void scoresTheIntentsOfOneText() {
        assertEquals(
                0,
                run(
                        "model",
                        "score",
                        "--model",
                        "customer-service",
                        "I want to cancel the order I placed yesterday"));
        assertTrue(out.toString().startsWith("cancel_order\t"), out.toString());
    }

    @Test
    void anUnknownModelNameIsRefused() throws Exception {
        assertEquals(
                2,
                run(
                        "model",
                        "evaluate",
                        "--model",
                        "insurance",
                        "--data",
                        csv("text,category\nhi,x\n")));
        assertTrue(err.toString().contains("banking77"), err.toString());
    }

    @Test
    void nerRedactionWithoutCoreNlpsModelsJarIsRefusedWithWhatToAdd() {
        // The default build never has the 474 MB models jar on its classpath.
        assertEquals(2, run("run", "--ner-tenant", "acme"));
        assertTrue(
                err.toString().contains("--ner-tenant") && err.toString().contains("models"),
                err.toString());
    }

    @Test
    void aTenantPatternNeedsATenant() {
        assertEquals(2, run("run", "--tenant-national-id-pattern", "\\d{8}[A-Z]"));
        assertTrue(err.toString().contains("TENANT=REGEX"), err.toString());
    }

    private static String csv(String content) throws Exception {
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("labels", ".csv");
        java.nio.file.Files.writeString(csv, content);
        return csv.toString();
    }

    @Test
    void wordVectorsNeedCoreNlpsModelsJarAndSayWhichEntryIsMissing() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempFile("vectors", ".bin.gz");
        assertEquals(
                2,
                run(
                        "model",
                        "word-vectors",
                        "--corenlp-models",
                        "/nonexistent/models.jar",
                        "--out",
                        out.toString()));
        assertTrue(err.toString().contains("/nonexistent/models.jar"), err.toString());

        java.nio.file.Path notModels = java.nio.file.Files.createTempFile("not-models", ".jar");
        try (var zip =
                new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(notModels))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("README.txt"));
            zip.write("not CoreNLP".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(
                2,
                run(
                        "model",
                        "word-vectors",
                        "--corenlp-models",
                        notModels.toString(),
                        "--out",
                        out.toString()));
        assertTrue(err.toString().contains("english-embeddings.ser.gz"), err.toString());
    }

    @Test
    void modelEvaluateNamesAMissingColumn() throws Exception {
        assertEquals(
                2,
                run(
                        "model",
                        "evaluate",
                        "--data",
                        csv("text,label\nhello,neutral\n"),
                        "--text-column",
                        "body",
                        "--label-column",
                        "label"));
        assertTrue(err.toString().contains("'body'"), err.toString());
    }

    @Test
    void modelEvaluateNamesAnUnknownLabel() throws Exception {
        assertEquals(
                2,
                run(
                        "model",
                        "evaluate",
                        "--data",
                        csv("text,label\nhello,NEUTRAL\nbye,grumpy\n"),
                        "--text-column",
                        "text",
                        "--label-column",
                        "label"));
        assertTrue(err.toString().contains("'grumpy'"), err.toString());
    }

    @Test
    void aBadNationalIdPatternIsRefused() {
        assertEquals(2, run("run", "--national-id-pattern", "(unclosed"));
        assertTrue(err.toString().contains("--national-id-pattern"), err.toString());
    }

    @Test
    void nationalIdRulesAreNamedOrAllOrNone() {
        assertEquals(2, run("run", "--national-id-rules", "us-ssn,de-steuer-id"));
        assertTrue(
                err.toString().contains("--national-id-rules")
                        && err.toString().contains("de-steuer-id")
                        && err.toString().contains("uk-nino"),
                err.toString());
        assertEquals(
                java.util.Set.of(
                        dev.switchboard.models.privacy.NationalIdRule.US_SSN,
                        dev.switchboard.models.privacy.NationalIdRule.UK_NINO),
                dev.switchboard.pipeline.config.PrivacySettings.rules("us-ssn, UK-NINO"));
        assertTrue(dev.switchboard.pipeline.config.PrivacySettings.rules("none").isEmpty());
    }

    @Test
    void aShortOrMissingPseudonymKeyStopsTheStart() throws Exception {
        Path shortKey = Files.createTempFile("key", ".bin");
        shortKey.toFile().deleteOnExit();
        Files.write(shortKey, new byte[16]);
        assertEquals(2, run("run", "--customer-id-key-file", shortKey.toString()));
        assertTrue(
                err.toString().contains("--customer-id-key-file") && err.toString().contains("32"),
                err.toString());
        assertEquals(2, run("run", "--customer-id-key-file", "/nonexistent/key"));
        assertTrue(err.toString().contains("/nonexistent/key"), err.toString());
    }

    @Test
    void modelScorePrintsALabel() {
        assertEquals(0, run("model", "score", "Thank you so much, that fixed it!"));
        assertTrue(out.toString().startsWith("positive"), out.toString());
    }

    @Test
    void aModelOfAnotherLanguageIsTrainedScoredAndReadOnlyInThatLanguage() throws Exception {
        Path dir = Files.createTempDirectory("language-model");
        Path french = dir.resolve("fr.csv");
        Path spanish = dir.resolve("es.csv");
        StringBuilder fr = new StringBuilder("text,sentiment\n");
        StringBuilder es = new StringBuilder("text,sentiment\n");
        for (int i = 0; i < 10; i++) {
            fr.append("\"c'est nul, j'attends depuis ").append(i).append(" heures\",negative\n");
            fr.append("\"merci beaucoup, c'est parfait ").append(i).append("\",positive\n");
            fr.append("ma commande numéro ").append(i).append(" arrive demain,neutral\n");
            es.append("\"es horrible, llevo ").append(i).append(" horas esperando\",negative\n");
        }
        Files.writeString(french, fr);
        Files.writeString(spanish, es);
        Path model = dir.resolve("acme-fr.model.gz");
        assertEquals(
                0,
                run(
                        "model",
                        "train",
                        "--language",
                        "fr",
                        "--data",
                        french + ";text=text;label=sentiment",
                        "--supplementary",
                        spanish + ";text=text;label=sentiment;weight=3",
                        "--out",
                        model.toString()),
                err.toString());
        assertTrue(err.toString().contains("(fr, 3 labels)"), err.toString());
        assertTrue(err.toString().contains("10 supplementary rows"), err.toString());
        assertEquals(
                0,
                run(
                        "model",
                        "score",
                        "--model",
                        model.toString(),
                        "--language",
                        "fr-CA",
                        "c'est nul"));
        assertTrue(out.toString().startsWith("negative"), out.toString());
        assertEquals(
                0,
                run("model", "score", "--model", model.toString(), "--language", "de", "schlecht"));
        assertTrue(out.toString().contains("(unsupported language)"), out.toString());
        assertEquals(
                2,
                run(
                        "model",
                        "train",
                        "--language",
                        "nl",
                        "--data",
                        french + ";text=text;label=sentiment",
                        "--out",
                        model.toString()));
        assertTrue(err.toString().contains("'nl'"), err.toString());
    }

    @Test
    void heldOutPredictionsAreWrittenWithTheirFoldsAndDialoguesStayInOneFold() throws Exception {
        Path dir = Files.createTempDirectory("held-out");
        Path csv = dir.resolve("dialogues.csv");
        StringBuilder rows = new StringBuilder("dialogue,text,sentiment\n");
        for (int d = 0; d < 8; d++) {
            rows.append(d)
                    .append(",\"this is awful, still waiting ")
                    .append(d)
                    .append("\",negative\n");
            rows.append(d).append(",\"thanks, that fixed it ").append(d).append("\",positive\n");
            rows.append(d).append(",my order number is ").append(d).append(",neutral\n");
        }
        Files.writeString(csv, rows);
        Path heldOut = dir.resolve("folds.tsv");
        assertEquals(
                0,
                run(
                        "model",
                        "train",
                        "--data",
                        csv + ";name=talk;text=text;label=sentiment;group=dialogue",
                        "--cross-validate",
                        "4",
                        "--seeds",
                        "3",
                        "--held-out-out",
                        heldOut.toString(),
                        "--out",
                        dir.resolve("m.model.gz").toString()),
                err.toString());
        List<String> lines = Files.readAllLines(heldOut);
        assertEquals(
                "fold\tset\tdialogue\tlabel\tweight\tp_negative\tp_neutral\tp_positive\tdecisive\ttext",
                lines.get(0));
        assertEquals(25, lines.size());
        java.util.Map<String, String> foldOfDialogue = new java.util.HashMap<>();
        java.util.Set<String> folds = new java.util.HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            assertEquals(10, f.length, line);
            assertEquals("talk", f[1]);
            assertEquals(f[0], foldOfDialogue.computeIfAbsent(f[2], k -> f[0]), line);
            folds.add(f[0]);
            double sum = 0;
            for (int l = 5; l < 8; l++) {
                sum += Double.parseDouble(f[l]);
            }
            assertEquals(1.0, sum, 1e-5, line);
            // the rows are easy: an out-of-fold prediction on the right row reads its label
            int top = 5;
            for (int l = 6; l < 8; l++) {
                top = Double.parseDouble(f[l]) > Double.parseDouble(f[top]) ? l : top;
            }
            assertEquals("p_" + f[3], lines.get(0).split("\t")[top], line);
            assertTrue(Double.parseDouble(f[4]) > 0, line);
        }
        assertEquals(java.util.Set.of("0", "1", "2", "3"), folds);
        assertEquals(
                2,
                run(
                        "model",
                        "train",
                        "--data",
                        csv + ";name=talk;text=text;label=sentiment;group=dialogue",
                        "--held-out-out",
                        heldOut.toString(),
                        "--out",
                        dir.resolve("m.model.gz").toString()));
        assertTrue(err.toString().contains("--cross-validate"), err.toString());
    }
}
