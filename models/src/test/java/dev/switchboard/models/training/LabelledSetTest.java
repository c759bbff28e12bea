package dev.switchboard.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledSetTest {
    private static final List<String> LABELS = List.of("negative", "neutral", "positive");

    @TempDir Path tmp;

    @Test
    void aBuiltInNameReadsTheSharedSetWithItsColumnsGroupsAndMapping() throws Exception {
        LabelledSet set = LabelledSet.parse("dailydialog", SharedData.file(""), null, null);
        List<LabelledText> rows = set.read(LABELS);
        assertEquals(8_069, rows.size());
        assertEquals(
                1_000,
                rows.stream().map(LabelledText::group).distinct().count(),
                "one group per dialogue");
        assertTrue(
                rows.stream()
                        .allMatch(
                                r ->
                                        r.domain().equals(LabelledSet.DIALOGUE)
                                                && r.source().equals("dailydialog")));
        long negative = rows.stream().filter(r -> r.label().equals("negative")).count();
        assertEquals(77 + 3 + 11 + 79, negative, "anger, disgust, fear and sadness are negative");
        assertEquals(
                684,
                rows.stream().filter(r -> r.label().equals("positive")).count(),
                "happiness is positive");
    }

    @Test
    void aFileSpecNamesItsColumnsDomainWeightAndMapping() throws Exception {
        Path csv = tmp.resolve("chats.csv");
        Files.writeString(csv, "body,mood,thread\nhi,Calm,t1\nno!,Angry,t1\nthanks,glad,t2\n");
        LabelledSet set =
                LabelledSet.parse(
                        csv
                                + ";name=chats;text=body;label=mood;group=thread;domain=dialogue;weight=2;map=calm:neutral,angry:negative,glad:positive",
                        tmp,
                        null,
                        null);
        assertEquals(
                new LabelledSet(
                        "chats",
                        csv,
                        "body",
                        "mood",
                        "thread",
                        "dialogue",
                        Map.of("calm", "neutral", "angry", "negative", "glad", "positive"),
                        2.0),
                set);
        List<LabelledText> rows = set.read(LABELS);
        assertEquals(
                List.of(
                        new LabelledText("hi", "neutral", "chats", "dialogue", "chats/t1", 2.0),
                        new LabelledText("no!", "negative", "chats", "dialogue", "chats/t1", 2.0),
                        new LabelledText(
                                "thanks", "positive", "chats", "dialogue", "chats/t2", 2.0)),
                rows);
    }

    @Test
    void aPlainFileTakesTheDefaultColumnsAndStandsAlone() throws Exception {
        Path csv = tmp.resolve("plain.csv");
        Files.writeString(csv, "text,sentiment\nok,neutral\n");
        LabelledSet set = LabelledSet.parse(csv.toString(), tmp, "text", "sentiment");
        assertEquals("plain", set.name());
        LabelledText row = set.read(LABELS).get(0);
        assertNull(row.group());
        assertNull(row.domain());
        assertEquals(1.0, row.weight());
    }

    @Test
    void refusesWhatItCannotRead() {
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LabelledSet.parse("airline;colour=blue", tmp, null, null))
                        .getMessage()
                        .contains("unknown key 'colour'"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LabelledSet.parse("airline;weight=-1", tmp, null, null))
                        .getMessage()
                        .contains("weight"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LabelledSet.parse("airline;map=angry", tmp, null, null))
                        .getMessage()
                        .contains("from:to"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LabelledSet.parse("file.csv", tmp, null, null))
                        .getMessage()
                        .contains("columns"));
    }

    @Test
    void anUnmappedLabelIsNamedWithTheMapping() throws Exception {
        Path csv = tmp.resolve("m.csv");
        Files.writeString(csv, "text,mood\nhm,bored\n");
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LabelledSet.parse(
                                                csv + ";label=mood;map=calm:neutral",
                                                tmp,
                                                "text",
                                                null)
                                        .read(LABELS));
        assertTrue(
                e.getMessage().contains("'bored'") && e.getMessage().contains("mapping"),
                e.getMessage());
    }
}
