package dev.switchboard.bench;

import dev.switchboard.models.training.LabelledCsv;
import dev.switchboard.models.training.LabelledText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The messages every sentiment benchmark scores: the airline customer-service tweets of 40 to 200
 * characters, in file order. Real customer-service text of the length the issue names; the same
 * list for every benchmark in a run, so their figures compare.
 */
final class BenchmarkMessages {
    private BenchmarkMessages() {}

    static String[] load() throws IOException {
        return load("en");
    }

    /**
     * The messages of {@code language}: for English the airline tweets, for es, fr, de, it and pt
     * UMSAB's training tweets of that language, with the same length bounds.
     */
    static String[] load(String language) throws IOException {
        Path data = Path.of(System.getProperty("switchboard.data.dir", "../shared/data"));
        Path file =
                language.equals("en")
                        ? data.resolve("airline-sentiment").resolve("train.csv")
                        : data.resolve("umsab").resolve(language).resolve("train.csv");
        List<LabelledText> rows = LabelledCsv.read(file, "text", "sentiment", null);
        return rows.stream()
                .map(LabelledText::text)
                .filter(t -> t.length() >= 40 && t.length() <= 200)
                .toArray(String[]::new);
    }
}
