package dev.switchboard.models.training;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads labelled examples from a CSV file with a header row (RFC 4180 quoting, UTF-8). */
public final class LabelledCsv {
    private LabelledCsv() {}

    /**
     * Reads {@code textColumn} and {@code labelColumn} of every row. Labels are lower-cased; when
     * {@code allowedLabels} is not null a label outside it is an error naming the row. Rows with an
     * empty text are skipped, because neither training nor evaluation can use them.
     *
     * @throws IllegalArgumentException for a missing file or column, or an unknown label, with a
     *     message that names it
     */
    public static List<LabelledText> read(
            Path file, String textColumn, String labelColumn, Collection<String> allowedLabels)
            throws IOException {
        return read(file, textColumn, labelColumn, null, Map.of(), null, null, 1.0, allowedLabels);
    }

    /**
     * Reads {@code textColumn} and {@code labelColumn} of every row as {@link #read(Path, String,
     * String, Collection)} does, and tags each row with its source, domain and group (the value of
     * {@code groupColumn}, prefixed with the source so that groups of two sets never merge). A
     * label found in {@code labelMap} (lower-cased keys) is replaced by its value before it is
     * checked.
     *
     * @param groupColumn the column whose rows must stay together in cross-validation, or null
     * @param weight the training weight of every row
     */
    public static List<LabelledText> read(
            Path file,
            String textColumn,
            String labelColumn,
            String groupColumn,
            Map<String, String> labelMap,
            String source,
            String domain,
            double weight,
            Collection<String> allowedLabels)
            throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "cannot read data file " + file + " (missing or unreadable)");
        }
        CSVFormat format =
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            requireColumn(file, header, textColumn);
            requireColumn(file, header, labelColumn);
            if (groupColumn != null) {
                requireColumn(file, header, groupColumn);
            }
            List<LabelledText> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                String text = record.get(textColumn);
                String raw = record.get(labelColumn).trim().toLowerCase(Locale.ROOT);
                String label = labelMap.getOrDefault(raw, raw);
                if (allowedLabels != null && !allowedLabels.contains(label)) {
                    throw new IllegalArgumentException(
                            file
                                    + " line "
                                    + parser.getCurrentLineNumber()
                                    + ": unknown label '"
                                    + raw
                                    + "' in column '"
                                    + labelColumn
                                    + "' (expected one of "
                                    + allowedLabels
                                    + (labelMap.isEmpty()
                                            ? ""
                                            : " or a label the mapping "
                                                    + labelMap
                                                    + " turns into one")
                                    + ")");
                }
                if (!text.isBlank()) {
                    String group =
                            groupColumn == null ? null : source + "/" + record.get(groupColumn);
                    rows.add(new LabelledText(text, label, source, domain, group, weight));
                }
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read data file " + file + " (missing)", e);
        }
    }

    /**
     * The distinct labels of {@code labelColumn}, lower-cased and sorted: an intent set read from
     * its data.
     */
    public static List<String> labels(Path file, String textColumn, String labelColumn)
            throws IOException {
        return read(file, textColumn, labelColumn, null).stream()
                .map(LabelledText::label)
                .distinct()
                .sorted()
                .toList();
    }

    private static void requireColumn(Path file, List<String> header, String column) {
        if (!header.contains(column)) {
            throw new IllegalArgumentException(
                    file + " has no column '" + column + "' (columns: " + header + ")");
        }
    }
}
