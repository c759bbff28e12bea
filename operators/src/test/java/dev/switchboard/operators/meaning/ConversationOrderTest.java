package dev.switchboard.operators.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationOrderTest {
    private final ConversationOrder order = new ConversationOrder();
    private final List<String> released = new ArrayList<>();

    private ConversationOrder.Ticket enter(String conversation, String event, boolean waits) {
        return order.enter(conversation, waits, () -> released.add(event));
    }

    @Test
    void anEventThatWaitsForNothingGoesOnAtOnce() {
        assertNull(enter("a", "a1", false));
        assertEquals(List.of("a1"), released);
        assertTrue(order.isEmpty());
    }

    @Test
    void aConversationWaitsBehindItsReadingAndOthersDoNot() {
        ConversationOrder.Ticket a1 = enter("a", "a1", true);
        enter("a", "a2", false);
        enter("b", "b1", false);
        enter("a", "a3", false);
        enter("b", "b2", false);
        assertEquals(List.of("b1", "b2"), released, "b does not wait behind a's reading");
        assertEquals(3, order.held());

        order.done(a1);
        assertEquals(List.of("b1", "b2", "a1", "a2", "a3"), released);
        assertTrue(order.isEmpty());
        enter("a", "a4", false);
        assertEquals("a4", released.get(released.size() - 1), "a's queue is gone once empty");
    }

    @Test
    void aReadingDoneEarlyWaitsForTheOneAheadOfIt() {
        ConversationOrder.Ticket a1 = enter("a", "a1", true);
        enter("a", "a2", false);
        ConversationOrder.Ticket a3 = enter("a", "a3", true);
        enter("a", "a4", false);

        order.done(a3);
        assertEquals(List.of(), released, "a3 is read, but a1 is not yet");
        order.done(a1);
        assertEquals(List.of("a1", "a2", "a3", "a4"), released);
        assertEquals(0, order.held());
    }

    @Test
    void aTicketDoneTwiceIsReleasedOnce() {
        ConversationOrder.Ticket a1 = enter("a", "a1", true);
        ConversationOrder.Ticket a2 = enter("a", "a2", true);
        order.done(a1);
        order.done(a1);
        assertEquals(List.of("a1"), released);
        assertEquals(1, order.held());
        order.done(a2);
        assertEquals(List.of("a1", "a2"), released);
    }
}
