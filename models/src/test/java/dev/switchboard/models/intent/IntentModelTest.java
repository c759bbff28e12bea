package dev.switchboard.models.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped intent models on requests written for this test (not taken from the training data),
 * each an unambiguous instance of its intent.
 */
class IntentModelTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "banking77|I lost my card on the train yesterday.|lost_or_stolen_card",
                "banking77|My new card still hasn't been delivered.|card_arrival",
                "banking77|How can I change the PIN of my card?|change_pin",
                "banking77|Why was I charged a fee when I took cash out of the ATM?|cash_withdrawal_charge",
                "banking77|I would like to close my account.|terminate_account",
                "customer-service|I want to cancel the order I placed yesterday|cancel_order",
                "customer-service|Can I talk to a real person please?|contact_human_agent",
                "customer-service|I need a refund for the broken blender|get_refund",
                "customer-service|How do I change the shipping address of my order?|change_shipping_address",
                "customer-service|I forgot my password and cannot log in|recover_password",
            })
    void recognisesPlainRequests(String model, String text, String intent) {
        IntentScore s = IntentModel.shipped(model).classify(text);
        assertEquals(
                intent, s.intent(), () -> text + " -> " + IntentModel.shipped(model).top(text, 3));
        assertTrue(s.confidence() > 0 && s.confidence() <= 1);
    }

    @Test
    void knowsItsIntentsAndRefusesUnknownNames() {
        assertEquals(77, IntentModel.shipped("banking77").intents().size());
        assertEquals(27, IntentModel.shipped("customer-service").intents().size());
        assertTrue(
                IntentModel.shipped("banking77") == IntentModel.shipped("banking77"),
                "loaded once");
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> IntentModel.shipped("insurance"));
        assertTrue(e.getMessage().contains("banking77"), e.getMessage());
    }

    @Test
    void topListsTheMostLikelyFirst() {
        var top = IntentModel.shipped("banking77").top("my card was declined at the shop", 3);
        assertEquals(3, top.size());
        assertTrue(
                top.get(0).confidence() >= top.get(1).confidence()
                        && top.get(1).confidence() >= top.get(2).confidence());
    }
}
