package dev.switchboard.pipeline.cli;

import dev.switchboard.models.training.LabelledSet;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The labelled sets a model command reads ({@code --data} and how to read them), in one place. */
public class LabelledDataOptions {
    /** The shared data folder that built-in set names are read from. */
    static final String DEFAULT_DATA_DIR = "../shared/data";

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

    @Option(names = "--text-column", description = "Text column of a --data FILE that names none.")
    String textColumn;

    @Option(
            names = "--label-column",
            description =
                    "Label column of a --data FILE that names none (for train: the label, negative/neutral/positive for sentiment; for evaluate the default is sentiment for a sentiment model, category for an intent model).")
    String labelColumn;

    /**
     * The sets named by {@code --data}; a file that names no columns is read with the column
     * options, else with these defaults (null: the file must name it).
     */
    List<LabelledSet> sets(String defaultTextColumn, String defaultLabelColumn) {
        String text = textColumn != null ? textColumn : defaultTextColumn;
        String label = labelColumn != null ? labelColumn : defaultLabelColumn;
        return data.stream().map(spec -> LabelledSet.parse(spec, dataDir, text, label)).toList();
    }
}
