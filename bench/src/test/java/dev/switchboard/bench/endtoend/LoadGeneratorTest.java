package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The due time travels in the message id; the benchmark's latencies rest on reading it back. */
class LoadGeneratorTest {
    @Test
    void theDueTimeIsReadBackFromTheMessageId() {
        String id = LoadGenerator.messageId(123_456_789_000L, 42);
        assertEquals("b123456789-42", id);
        assertEquals(123_456_789L, LoadGenerator.dueMicros(id, 0));
        String json = "{\"messageId\":\"" + id + "\"}";
        assertEquals(123_456_789L, LoadGenerator.dueMicros(json, json.indexOf(id)));
    }

    @Test
    void conversationsEndAndStartSpreadOverEveryRoundNotAllAtOnce() {
        int conversations = 2_000;
        int cycle = LoadGenerator.TURNS + 1;
        Map<Integer, Long> lastTurn = new HashMap<>();
        Map<Integer, Long> lastGeneration = new HashMap<>();
        for (long round = 0; round < 3L * cycle; round++) {
            int ends = 0;
            for (int i = 0; i < conversations; i++) {
                LoadGenerator.Slot s = LoadGenerator.slot(round * conversations + i, conversations);
                assertEquals(i, s.conversation(), "round-robin over the slots");
                if (s.turn() == LoadGenerator.TURNS) {
                    ends++;
                }
                Long previous = lastTurn.put(i, s.turn());
                Long previousGeneration = lastGeneration.put(i, s.generation());
                if (previous != null) {
                    // Each slot's conversation moves one turn a round; after its end the next
                    // generation begins at turn 0.
                    if (previous == LoadGenerator.TURNS) {
                        assertEquals(0, s.turn());
                        assertEquals(previousGeneration + 1, s.generation());
                    } else {
                        assertEquals(previous + 1, s.turn());
                        assertEquals(previousGeneration, s.generation());
                    }
                }
            }
            assertTrue(
                    ends >= conversations / cycle && ends <= conversations / cycle + 1,
                    "round " + round + " ended " + ends);
        }
    }

    @Test
    void idsThatAreNotTheGeneratorsGiveNoDueTime() {
        assertEquals(-1, LoadGenerator.dueMicros("m7", 0));
        assertEquals(-1, LoadGenerator.dueMicros("b12x-3", 0));
        assertEquals(-1, LoadGenerator.dueMicros("b123", 0), "no sequence part");
    }
}
