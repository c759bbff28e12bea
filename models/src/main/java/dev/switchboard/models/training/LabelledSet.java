package dev.switchboard.models.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A labelled CSV and how to read it: which columns hold the text, the label and the dialogue a row
 * belongs to, which domain its texts come from, and how its labels map onto the model's.
 *
 * <p>Written on the command line as {@code --data SPEC}, where SPEC is either the name of a set of
 * the shared data folder ({@link #BUILT_IN}), or a file, optionally followed by {@code ;key=value}
 * settings: {@code name}, {@code text}, {@code label}, {@code group}, {@code domain}, {@code
 * weight} and {@code map=from:to,from:to}. A built-in name takes settings too ({@code
 * dailydialog;map=surprise:positive}).
 *
 * @param name the set's name in reports
 * @param groupColumn rows with the same value stay in one cross-validation fold, or null
 * @param domain the kind of text, or null
 * @param labelMap lower-cased source label to model label; labels not in it are taken as they are
 * @param weight the training weight of each row (before class balancing)
 */
public record LabelledSet(
        String name,
        Path file,
        String textColumn,
        String labelColumn,
        String groupColumn,
        String domain,
        Map<String, String> labelMap,
        double weight) {

    public static final String TWEET = "tweet";
    public static final String DIALOGUE = "dialogue";

    /**
     * DailyDialog's emotions as sentiment, fixed before the first experiment (docs/models.md):
     * happiness is positive; anger, disgust, fear and sadness are negative; no emotion is neutral,
     * and so is surprise, whose valence the annotation does not give (MELD's annotators, who label
     * both, split its surprise turns evenly: 614 negative, 591 positive).
     */
    public static final Map<String, String> DAILYDIALOG_SENTIMENT =
            Map.of(
                    "no emotion", "neutral",
                    "surprise", "neutral",
                    "happiness", "positive",
                    "anger", "negative",
                    "disgust", "negative",
                    "fear", "negative",
                    "sadness", "negative");

    /** The languages of UMSAB's tweets: one training and one validation split each. */
    public static final List<String> UMSAB_LANGUAGES = List.of("es", "fr", "de", "it", "pt");

    /** The sentiment sets of {@code ../shared/data}, by name; paths are relative to that folder. */
    public static final Map<String, LabelledSet> BUILT_IN = builtIn();

    private static Map<String, LabelledSet> builtIn() {
        Map<String, LabelledSet> sets = new LinkedHashMap<>();
        sets.put(
                "airline",
                new LabelledSet(
                        "airline",
                        Path.of("airline-sentiment/train.csv"),
                        "text",
                        "sentiment",
                        null,
                        TWEET,
                        Map.of(),
                        1.0));
        sets.put("meld-train", meld("meld-train", "meld/train_sent_emo.csv"));
        sets.put("meld-dev", meld("meld-dev", "meld/dev_sent_emo.csv"));
        sets.put(
                "dailydialog",
                new LabelledSet(
                        "dailydialog",
                        Path.of("dailydialog/validation.csv"),
                        "text",
                        "emotion",
                        "dialogue",
                        DIALOGUE,
                        DAILYDIALOG_SENTIMENT,
                        1.0));
        for (String language : UMSAB_LANGUAGES) {
            sets.put("umsab-" + language, umsab("umsab-" + language, language + "/train.csv"));
            sets.put(
                    "umsab-" + language + "-val",
                    umsab("umsab-" + language + "-val", language + "/val.csv"));
        }
        return Map.copyOf(sets);
    }

    /** A UMSAB split: tweets labelled negative, neutral or positive, independent of each other. */
    private static LabelledSet umsab(String name, String file) {
        return new LabelledSet(
                name, Path.of("umsab", file), "text", "sentiment", null, TWEET, Map.of(), 1.0);
    }

    /** A MELD split: one utterance a row, its sentiment, folds grouped by dialogue. */
    private static LabelledSet meld(String name, String file) {
        return new LabelledSet(
                name,
                Path.of(file),
                "Utterance",
                "Sentiment",
                "Dialogue_ID",
                DIALOGUE,
                Map.of(),
                1.0);
    }

    public LabelledSet {
        labelMap = Map.copyOf(labelMap);
    }

    /**
     * Parses a {@code --data} value.
     *
     * @param dataDir the folder built-in names are read from
     * @param defaultText the text column of a file whose spec names none
     * @param defaultLabel the label column of a file whose spec names none
     * @throws IllegalArgumentException naming the part of the spec it cannot read
     */
    public static LabelledSet parse(
            String spec, Path dataDir, String defaultText, String defaultLabel) {
        String[] parts = spec.split(";");
        String head = parts[0].trim();
        LabelledSet known = BUILT_IN.get(head);
        if (known == null && head.isEmpty()) {
            throw new IllegalArgumentException(
                    "--data '" + spec + "': names no file or built-in set " + BUILT_IN.keySet());
        }
        Path file = known != null ? dataDir.resolve(known.file) : Path.of(head);
        String name =
                known != null
                        ? known.name
                        : file.getFileName().toString().replaceFirst("\\.csv$", "");
        String text = known != null ? known.textColumn : defaultText;
        String label = known != null ? known.labelColumn : defaultLabel;
        String group = known != null ? known.groupColumn : null;
        String domain = known != null ? known.domain : null;
        Map<String, String> labelMap = known != null ? known.labelMap : Map.of();
        double weight = known != null ? known.weight : 1.0;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--data '" + spec + "': '" + part + "' is not key=value");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "name" -> name = value;
                case "text" -> text = value;
                case "label" -> label = value;
                case "group" -> group = value;
                case "domain" -> domain = value;
                case "map" -> labelMap = parseMap(spec, value);
                case "weight" -> weight = parseWeight(spec, value);
                default ->
                        throw new IllegalArgumentException(
                                "--data '"
                                        + spec
                                        + "': unknown key '"
                                        + key
                                        + "' (known: name, text, label, group, domain, weight, map)");
            }
        }
        LabelledSet set = new LabelledSet(name, file, text, label, group, domain, labelMap, weight);
        if (set.textColumn == null || set.labelColumn == null) {
            throw new IllegalArgumentException(
                    "--data '"
                            + spec
                            + "': say which columns hold the text and the label"
                            + " (;text=COLUMN;label=COLUMN, or --text-column and --label-column)");
        }
        return set;
    }

    private static double parseWeight(String spec, String value) {
        try {
            double w = Double.parseDouble(value);
            if (w > 0 && !Double.isInfinite(w)) {
                return w;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(
                "--data '" + spec + "': weight '" + value + "' is not a positive number");
    }

    private static Map<String, String> parseMap(String spec, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException(
                        "--data '" + spec + "': map entry '" + pair + "' is not from:to");
            }
            map.put(
                    pair.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    pair.substring(colon + 1).trim().toLowerCase(Locale.ROOT));
        }
        return map;
    }

    /**
     * Reads the set's rows, each label mapped and checked against {@code allowedLabels} (null:
     * any).
     */
    public List<LabelledText> read(Collection<String> allowedLabels) throws IOException {
        return LabelledCsv.read(
                file,
                textColumn,
                labelColumn,
                groupColumn,
                labelMap,
                name,
                domain,
                weight,
                allowedLabels);
    }
}
