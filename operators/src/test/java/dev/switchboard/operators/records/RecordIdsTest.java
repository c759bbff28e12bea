package dev.switchboard.operators.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordIdsTest {
    @Test
    void sameNameGivesTheSameVersion5Uuid() {
        String id = RecordIds.of("score", "acme", "c-1", "m1");
        assertEquals(id, RecordIds.of("score", "acme", "c-1", "m1"));
        assertEquals(5, UUID.fromString(id).version());
        assertEquals(2, UUID.fromString(id).variant());
    }

    @Test
    void partsAreSeparatedSoThatShiftedBoundariesDiffer() {
        assertNotEquals(RecordIds.of("ab", "c"), RecordIds.of("a", "bc"));
        assertNotEquals(
                RecordIds.of("score", "acme", "c-1", "m1"),
                RecordIds.of("score", "acme", "c-1", "m2"));
    }
}
