package dev.switchboard.models.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.meaning.EmbeddingHead;
import dev.switchboard.models.meaning.SentenceEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped embedding intent models on requests written for this test, worded away from the
 * training data's usual phrasing (no "card" in a card question, and so on). Written before the
 * heads were trained; one that the model got wrong is in docs/models.md's known weaknesses, not
 * here.
 */
class EmbeddingIntentModelTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "banking77|I think somebody stole my card, what do I do?|lost_or_stolen_card",
                "banking77|It has been two weeks and the thing you mailed me never showed up.|card_arrival",
                "banking77|Why did the machine take a fee when I got money out?|cash_withdrawal_charge",
                "banking77|Please shut down everything I have with you, I am leaving.|terminate_account",
                "banking77|I tried adding money with my debit card and it did not go through.|top_up_failed",
                "customer-service|Forget the stuff I bought yesterday, I do not want it any more|cancel_order",
                "customer-service|Is there a person I can speak with instead of a bot?|contact_human_agent",
                "customer-service|The blender arrived broken and I want my money back|get_refund",
                "customer-service|I moved house, please send my parcel to the new place|change_shipping_address",
            })
    void readsRequestsWordedAwayFromTheTrainingData(String model, String text, String intent) {
        EmbeddingIntentModel m = EmbeddingIntentModel.shipped(model);
        IntentScore s = m.classify(text);
        assertEquals(intent, s.intent(), () -> text + " -> " + m.top(text, 3));
        assertTrue(s.confidence() > 0 && s.confidence() <= 1);
    }

    @Test
    void namesBothPartsAndLoadsOnce() {
        EmbeddingIntentModel m = EmbeddingIntentModel.shipped("banking77");
        assertSame(m, EmbeddingIntentModel.shipped("banking77"));
        assertTrue(m.id().startsWith(IntentModel.shipped("banking77").id() + "+head@"), m.id());
        assertEquals(IntentModel.shipped("banking77").intents(), m.intents());
    }

    @Test
    void aHeadOfOtherLabelsIsRefused() {
        EmbeddingHead head =
                new EmbeddingHead(
                        "bge-small-en-v1.5-q",
                        List.of("a", "b"),
                        384,
                        10,
                        new double[2],
                        new double[2 * 384]);
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new EmbeddingIntentModel(
                                        IntentModel.shipped("customer-service"),
                                        head,
                                        "x",
                                        SentenceEmbedder.shared(
                                                SentenceEmbedder.BGE_SMALL_EN_V15_Q)));
        assertTrue(e.getMessage().contains("labels"), e.getMessage());
    }

    @Test
    void combineWeighsTheHeadMoreAndNormalises() {
        // The head is sure of label 0; the hashed model leans to label 1.
        double[] headLog = {Math.log(0.8), Math.log(0.1), Math.log(0.1)};
        double[] hashed = {0.2, 0.7, 0.1};
        double[] out = new double[3];
        EmbeddingIntentModel.combine(headLog, hashed, out);
        assertEquals(1.0, out[0] + out[1] + out[2], 1e-12);
        assertTrue(out[0] > out[1] && out[1] > out[2], java.util.Arrays.toString(out));
        // Agreeing models agree in the product.
        EmbeddingIntentModel.combine(headLog, new double[] {0.8, 0.1, 0.1}, out);
        assertEquals(0.8, out[0], 1e-9);
    }
}
