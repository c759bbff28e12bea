package dev.switchboard.bench.endtoend;

/**
 * Decides when a job under load has caught up: its backlog (messages sent without an output yet)
 * stayed at or under a bound for a number of consecutive samples. The steady state begins at the
 * first sample of that stretch, which is what "time to steady state" measures to.
 */
final class SteadyState {
    private final double bound;
    private final int samples;
    private int under;
    private long since = -1;

    /**
     * @param bound the largest backlog that counts as caught up
     * @param samples how many consecutive samples must be under it
     */
    SteadyState(double bound, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, was " + samples);
        }
        this.bound = bound;
        this.samples = samples;
    }

    /**
     * Takes one sample of the backlog at {@code nanos}.
     *
     * @return true once the last {@code samples} samples were all under the bound
     */
    boolean sample(long nanos, long backlog) {
        if (backlog <= bound) {
            if (under++ == 0) {
                since = nanos;
            }
        } else {
            under = 0;
            since = -1;
        }
        return reached();
    }

    boolean reached() {
        return under >= samples;
    }

    /** When the current stretch under the bound began (System.nanoTime), or -1 outside one. */
    long since() {
        return since;
    }
}
