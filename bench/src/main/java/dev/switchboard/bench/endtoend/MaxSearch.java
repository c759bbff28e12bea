package dev.switchboard.bench.endtoend;

/**
 * The search for the highest rate a job sustains: up by half from the bench's rate, step by step,
 * until a step fails, then the gap between the last rate held and the first that failed halved a
 * set number of times. Steps of x1.5 alone leave a maximum uncertain by up to half (a job that
 * holds 50,000 msg/s reports 37,970), too coarse for a target set as a ratio of two maxima.
 */
final class MaxSearch {
    /** One step of the search: sends at {@code rate} and says whether the job kept up. */
    interface Step {
        boolean holds(long rate) throws InterruptedException;
    }

    private MaxSearch() {}

    /**
     * @param start a rate known to be held (the measured phase's)
     * @param maxRate the highest rate tried
     * @param refinements how many times the gap between held and failed is halved
     * @return the highest rate held
     */
    static long find(long start, long maxRate, int refinements, Step step)
            throws InterruptedException {
        long held = start;
        long failed = 0;
        for (long rate = Math.round(start * 1.5); rate <= maxRate; rate = Math.round(rate * 1.5)) {
            if (!step.holds(rate)) {
                failed = rate;
                break;
            }
            held = rate;
        }
        for (int i = 0; i < refinements && failed > 0; i++) {
            long between = (held + failed) / 2;
            if (between <= held) {
                break;
            }
            if (step.holds(between)) {
                held = between;
            } else {
                failed = between;
            }
        }
        return held;
    }
}
