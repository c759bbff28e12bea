package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void idsThatAreNotTheGeneratorsGiveNoDueTime() {
        assertEquals(-1, LoadGenerator.dueMicros("m7", 0));
        assertEquals(-1, LoadGenerator.dueMicros("b12x-3", 0));
        assertEquals(-1, LoadGenerator.dueMicros("b123", 0), "no sequence part");
    }
}
