package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench measures a job only once its backlog has stayed down, and says since when. */
class SteadyStateTest {
    @Test
    void aJobIsSteadyAfterEnoughSamplesInARowUnderTheBound() {
        SteadyState steady = new SteadyState(100, 3);
        assertFalse(steady.sample(1, 5_000), "far behind at the start");
        assertFalse(steady.sample(2, 80));
        assertFalse(steady.sample(3, 90));
        assertFalse(steady.sample(4, 101), "one sample over the bound starts the count again");
        assertFalse(steady.sample(5, 100));
        assertFalse(steady.sample(6, 0));
        assertTrue(steady.sample(7, 20));
        assertEquals(5, steady.since(), "the steady stretch began at its first sample");
    }

    @Test
    void aJobThatFallsBehindAgainIsNoLongerSteady() {
        SteadyState steady = new SteadyState(10, 1);
        assertTrue(steady.sample(1, 3));
        assertFalse(steady.sample(2, 11));
        assertEquals(-1, steady.since());
    }

    @Test
    void atLeastOneSampleIsNeeded() {
        assertThrows(IllegalArgumentException.class, () -> new SteadyState(10, 0));
    }
}
