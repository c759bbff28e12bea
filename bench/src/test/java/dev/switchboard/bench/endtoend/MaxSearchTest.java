package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaxSearchTest {
    /** A job that holds every rate up to {@code limit}; the steps tried are recorded. */
    private static MaxSearch.Step upTo(long limit, List<Long> tried) {
        return rate -> {
            tried.add(rate);
            return rate <= limit;
        };
    }

    @Test
    void climbsByHalfThenHalvesTheGapBetweenHeldAndFailed() throws Exception {
        List<Long> tried = new ArrayList<>();
        long max = MaxSearch.find(5_000, 200_000, 2, upTo(45_000, tried));
        // 37,970 held, 56,955 failed; then 47,462 failed and 42,716 held.
        assertEquals(
                List.of(7_500L, 11_250L, 16_875L, 25_313L, 37_970L, 56_955L, 47_462L, 42_716L),
                tried);
        assertEquals(42_716, max);
    }

    @Test
    void withoutRefinementsItIsTheLastStepHeld() throws Exception {
        List<Long> tried = new ArrayList<>();
        assertEquals(37_970, MaxSearch.find(5_000, 200_000, 0, upTo(45_000, tried)));
        assertEquals(56_955L, tried.get(tried.size() - 1));
    }

    @Test
    void aJobThatHoldsEverythingStopsAtTheHighestRateTried() throws Exception {
        List<Long> tried = new ArrayList<>();
        assertEquals(192_225, MaxSearch.find(5_000, 200_000, 2, upTo(Long.MAX_VALUE, tried)));
        assertEquals(192_225L, tried.get(tried.size() - 1), "no refinement without a failure");
    }

    @Test
    void aJobThatHoldsNothingAboveTheStartKeepsTheStart() throws Exception {
        List<Long> tried = new ArrayList<>();
        assertEquals(5_000, MaxSearch.find(5_000, 200_000, 2, upTo(5_000, tried)));
        assertEquals(List.of(7_500L, 6_250L, 5_625L), tried);
    }
}
