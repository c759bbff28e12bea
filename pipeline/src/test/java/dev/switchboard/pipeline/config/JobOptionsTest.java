package dev.switchboard.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.meaning.MeaningSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobOptionsTest {
    private static MeaningSettings meaning(String... args) {
        JobOptions options = new JobOptions();
        JobOptions.withConverters(new picocli.CommandLine(options)).parseArgs(args);
        return options.toConfig().scoring().meaning();
    }

    private static RuntimeSettings runtime(String... args) {
        JobOptions options = new JobOptions();
        JobOptions.withConverters(new picocli.CommandLine(options)).parseArgs(args);
        return options.toConfig().runtime();
    }

    @Test
    void checkpointsComeEveryThirtySecondsUnlessOutputsWaitForThem() {
        assertEquals(Duration.ofSeconds(30), runtime().checkpointInterval());
        assertEquals(
                Duration.ofSeconds(5),
                runtime("--delivery", "exactly-once").checkpointInterval(),
                "exactly-once, outputs become visible at each checkpoint");
        assertEquals(
                Duration.ofSeconds(7),
                runtime("--delivery", "exactly-once", "--checkpoint-interval", "7s")
                        .checkpointInterval());
        assertEquals(
                Duration.ofMillis(500),
                runtime("--checkpoint-interval", "500ms").checkpointInterval());
    }

    @Test
    void theCommandLinesDefaultsAreTheMeaningTiersDefaults() {
        assertEquals(MeaningSettings.DEFAULTS, meaning());
        assertFalse(meaning().secondOpinion(), "off, the tier gives no second opinion");
    }

    @Test
    void theSecondOpinionIsAskedForDecisiveTurnsUnsureTurnsOrBoth() {
        MeaningSettings decisive = meaning("--meaning-tier", "on");
        assertTrue(decisive.secondOpinion());
        assertTrue(decisive.secondOpinionOnDecisiveTurns());
        assertEquals(0, decisive.secondOpinionBelow());

        MeaningSettings unsure =
                meaning(
                        "--meaning-tier",
                        "on",
                        "--second-opinion-on-decisive-turns",
                        "off",
                        "--second-opinion-below",
                        "0.5");
        assertTrue(unsure.secondOpinion());
        assertFalse(unsure.secondOpinionOnDecisiveTurns());
        assertEquals(0.5, unsure.secondOpinionBelow());

        assertFalse(
                meaning("--meaning-tier", "on", "--second-opinion-on-decisive-turns", "off")
                        .secondOpinion(),
                "neither: the tier reads intents only");
        MeaningSettings likely =
                meaning(
                        "--meaning-tier",
                        "on",
                        "--second-opinion-on-decisive-turns",
                        "off",
                        "--second-opinion-likely-to-change",
                        "0.5");
        assertTrue(likely.secondOpinion(), "asked where the selector expects a change");
        assertEquals(0.5, likely.secondOpinionLikelyToChange());
        assertEquals(0, decisive.secondOpinionLikelyToChange(), "off by default");
        assertThrows(
                IllegalArgumentException.class,
                () -> meaning("--second-opinion-likely-to-change", "1.5"));
        assertEquals(0.5, meaning("--meaning-cpu-share", "0.5").cpuShare());
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> meaning("--meaning-cpu-share", "2"))
                        .getMessage()
                        .contains("--meaning-cpu-share"));
        var refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> meaning("--second-opinion-on-decisive-turns", "yes"));
        assertTrue(refused.getMessage().contains("--second-opinion-on-decisive-turns"));
    }

    @Test
    void aSelectorFileIsReadAtStartAndOnlyWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("selector.gz");
        try (var out = Files.newOutputStream(file)) {
            // Any selector file will do: the shipped one, written again.
            dev.switchboard.models.meaning.SecondOpinionSelector.shipped().write(out);
        }
        MeaningSettings fitted =
                meaning(
                        "--meaning-tier",
                        "on",
                        "--second-opinion-likely-to-change",
                        "0.4",
                        "--second-opinion-selector",
                        file.toString());
        assertEquals(file.toAbsolutePath().toString(), fitted.secondOpinionSelector());
        assertEquals(null, meaning().secondOpinionSelector(), "the shipped one by default");
        var withoutLine =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> meaning("--second-opinion-selector", file.toString()));
        assertTrue(
                withoutLine.getMessage().contains("--second-opinion-likely-to-change"),
                withoutLine.getMessage());
        Path notASelector = Files.writeString(dir.resolve("policy.json"), "{}");
        var unreadable =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                meaning(
                                        "--second-opinion-likely-to-change",
                                        "0.4",
                                        "--second-opinion-selector",
                                        notASelector.toString()));
        assertTrue(
                unreadable.getMessage().startsWith("--second-opinion-selector: cannot read"),
                unreadable.getMessage());
    }
}
