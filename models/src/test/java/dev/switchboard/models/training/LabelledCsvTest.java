package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledCsvTest {
    private static final List<String> LABELS = List.of("negative", "neutral", "positive");

    @TempDir Path tmp;

    private Path csv(String content) throws Exception {
        Path f = tmp.resolve("data.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void readsQuotedTextAndMatchesLabelsCaseInsensitively() throws Exception {
        List<LabelledText> rows =
                LabelledCsv.read(
                        csv("text,label\n\"Hi, \"\"there\"\"\",Positive\nok,NEUTRAL\n,negative\n"),
                        "text",
                        "label",
                        LABELS);
        assertEquals(
                List.of(
                        new LabelledText("Hi, \"there\"", "positive"),
                        new LabelledText("ok", "neutral")),
                rows);
    }

    @Test
    void namesAMissingColumn() throws Exception {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LabelledCsv.read(
                                        csv("text,label\na,neutral\n"), "body", "label", LABELS));
        assertTrue(
                e.getMessage().contains("'body'") && e.getMessage().contains("[text, label]"),
                e.getMessage());
    }

    @Test
    void namesAnUnknownLabelAndItsLine() throws Exception {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LabelledCsv.read(
                                        csv("text,label\na,neutral\nb,meh\n"),
                                        "text",
                                        "label",
                                        LABELS));
        assertTrue(
                e.getMessage().contains("'meh'") && e.getMessage().contains("line 3"),
                e.getMessage());
    }

    @Test
    void namesAnUnreadableFile() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LabelledCsv.read(tmp.resolve("nope.csv"), "text", "label", LABELS));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }
}
