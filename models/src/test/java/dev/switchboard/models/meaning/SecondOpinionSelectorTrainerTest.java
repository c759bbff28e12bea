package dev.switchboard.models.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.meaning.SecondOpinionSelectorTrainer.Coverage;
import dev.switchboard.models.meaning.SecondOpinionSelectorTrainer.Reading;
import dev.switchboard.models.sentiment.SentimentModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A selector fitted to unlabelled messages learns where the second opinion changes the label. */
class SecondOpinionSelectorTrainerTest {
    private static final String[] SUBJECTS = {
        "the router", "my order", "the refund", "this app", "the invoice", "my card", "the delivery"
    };
    private static final String[] ENDINGS = {
        "is late again",
        "works now",
        "was charged twice",
        "arrived today",
        "keeps crashing",
        "looks right",
        "is still pending"
    };

    /**
     * Messages whose label the second opinion changes exactly when they say "whatever", with the
     * fast model's numbers drawn at random, so only the word tells the two kinds apart.
     */
    private static List<Reading> readings(int n, long seed) {
        Random random = new Random(seed);
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean whatever = random.nextInt(4) == 0;
            String text =
                    SUBJECTS[random.nextInt(SUBJECTS.length)]
                            + " "
                            + ENDINGS[random.nextInt(ENDINGS.length)]
                            + (whatever ? ", whatever" : ", thanks");
            double a = random.nextDouble();
            double b = random.nextDouble() * (1 - a);
            out.add(new Reading(text, a, b, 1 - a - b, whatever));
        }
        return out;
    }

    @Test
    void learnsTheWordsWhereTheSecondOpinionChangesTheLabel() {
        SecondOpinionSelector selector =
                SecondOpinionSelectorTrainer.fit(
                        readings(2_000, 1), SecondOpinionSelectorTrainer.SIGMA);
        List<Reading> heldOut = readings(500, 2);
        Coverage half = SecondOpinionSelectorTrainer.coverage(selector, heldOut, 0.5);
        assertEquals(500, half.messages());
        assertTrue(half.changes() > 80 && half.changes() < 170, "changes " + half.changes());
        assertEquals(half.changes(), half.changesAsked(), "every change asked for");
        assertEquals(half.changes(), half.asked(), "and nothing else");
        assertEquals(1.0, half.changesCaught());
        assertTrue(
                selector.changeProbability("my order is late again, whatever", 0.4, 0.3, 0.3)
                        > 0.9);
        assertTrue(
                selector.changeProbability("my order is late again, thanks", 0.4, 0.3, 0.3) < 0.1);
    }

    @Test
    void aFittedSelectorIsWrittenAndReadBackWithTheSameProbabilities() throws IOException {
        SecondOpinionSelector selector =
                SecondOpinionSelectorTrainer.fit(
                        readings(600, 3), SecondOpinionSelectorTrainer.SIGMA);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        selector.write(bytes);
        SecondOpinionSelector back =
                SecondOpinionSelector.read(new ByteArrayInputStream(bytes.toByteArray()));
        for (Reading r : readings(100, 4)) {
            assertEquals(
                    selector.changeProbability(r.text(), r.negative(), r.neutral(), r.positive()),
                    back.changeProbability(r.text(), r.negative(), r.neutral(), r.positive()),
                    1e-12,
                    r.text());
        }
    }

    @Test
    void refusesMessagesOfOneKind() {
        List<Reading> none =
                readings(50, 5).stream()
                        .map(
                                r ->
                                        new Reading(
                                                r.text(),
                                                r.negative(),
                                                r.neutral(),
                                                r.positive(),
                                                false))
                        .toList();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SecondOpinionSelectorTrainer.fit(none, 1.0));
        assertTrue(e.getMessage().contains("0 of 50"), e.getMessage());
    }

    @Test
    void readsEachMessageWithBothShippedModels() {
        // The model card's examples: the fine-tuned second opinion moves "fine, whatever" from the
        // fast model's negative to neutral, and agrees that a thank-you is positive.
        List<Reading> r =
                SecondOpinionSelectorTrainer.read(
                        List.of("fine, whatever", "great, that worked perfectly, thank you"),
                        SentimentModel.loadDefault().linearModel(),
                        SentimentSecondOpinion.shipped(),
                        2);
        assertTrue(r.get(0).negative() > r.get(0).neutral(), "fast: negative");
        assertTrue(r.get(0).changed());
        assertTrue(r.get(1).positive() > 0.5, "fast: positive");
        assertFalse(r.get(1).changed());
    }
}
