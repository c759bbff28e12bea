package dev.switchboard.models.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalationRequestsTest {
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Let me speak to your manager. | MANAGER",
                "I want a supervisor NOW | MANAGER",
                "can I talk to a human please | MANAGER",
                "Please escalate this. | MANAGER",
                "Cancel my subscription. | CANCEL",
                "I'm cancelling my account today | CANCEL",
                "I will file a complaint | COMPLAINT",
                "My lawyer will hear about this | LEGAL",
                "I'll sue you. Also get me your manager | LEGAL",
                "No need for a manager, you solved it. Thanks! | NONE",
                "I don't want to cancel, just change the date | NONE",
                "I didn't ask for a supervisor | NONE",
                "never mind the supervisor | NONE",
                "That was human error on my side | NONE",
                "Where is my refund? | NONE",
                "The manager at the store said it was fine | NONE",
                "get me your supervisor | MANAGER",
                "I'm not angry, but I want a manager | MANAGER",
                "no, I want to cancel | CANCEL",
                "I don’t want to cancel | NONE",
                "You will be hearing from my attorney | LEGAL",
                "I am going to take legal action | LEGAL",
                "I'm calling a lawyer about this | LEGAL",
                "I also love lawyer movies like Philadelphia | NONE",
                "Is it legal to return an opened box? | NONE",
                "She is a lawyer and needs the invoice | NONE",
                "My brother is a lawyer and needs the invoice | NONE",
            })
    void findsRequestsAndRespectsNegation(String text, EscalationRequest expected) {
        assertEquals(expected, EscalationRequests.detect(text));
    }
}
