package dev.switchboard.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.meaning.MeaningSettings;
import org.junit.jupiter.api.Test;

class JobOptionsTest {
    private static MeaningSettings meaning(String... args) {
        JobOptions options = new JobOptions();
        JobOptions.withConverters(new picocli.CommandLine(options)).parseArgs(args);
        return options.toConfig().scoring().meaning();
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
        var refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> meaning("--second-opinion-on-decisive-turns", "yes"));
        assertTrue(refused.getMessage().contains("--second-opinion-on-decisive-turns"));
    }
}
