package dev.switchboard.operators.meaning;

import java.io.Serializable;
import java.time.Duration;

/**
 * The meaning tier's bounds ({@link ReadMeaning}): it embeds a few customer messages per
 * conversation off the per-message path, and falls back to the fast models, counted, whenever a
 * bound is reached.
 *
 * @param enabled whether the tier runs at all ({@code --meaning-tier off} turns it off for a
 *     deployment: every intent is then the hashed model's)
 * @param capacity messages in flight per parallel instance of the operator (Flink's async I/O
 *     capacity), counting those that wait only to keep their order behind a message being read;
 *     when it is full the stream waits, so it is set well above what the rate lets in
 * @param timeout how long a message may wait for its reading before it goes on with the fast one
 * @param maxPerSecond embeddings a TaskManager starts per second at most (each takes milliseconds
 *     of a core that the per-message path needs); beyond it messages take the fast reading
 * @param cpuShare the share of the TaskManager's processors its tier may keep busy on average,
 *     measured as its threads' CPU time: a reading costs 4 to 40 ms of a core by the message's
 *     length and the machine's load, so a rate alone does not bound what the tier takes from the
 *     per-message path; beyond {@code threads} cores it bounds nothing more than they do
 * @param threads threads per TaskManager that run the network
 * @param queue messages that may wait for a busy thread, per TaskManager: 0 (the default) starts a
 *     message only on an idle thread and sends the rest on with the fast reading at once, since in
 *     order the job's events wait behind every message handed over; a backtest that wants every
 *     message read gives it room
 * @param secondOpinionBelow an English customer message the shipped sentiment model scored with a
 *     top probability below this is re-scored by the second opinion ({@code
 *     SentimentSecondOpinion}); 0 asks for none on that ground
 * @param secondOpinionOnDecisiveTurns whether the second opinion is also asked for every customer
 *     turn whose fast score could move the conversation's escalation level ({@code DecisiveTurns}),
 *     however sure the fast model is; with it off, {@code secondOpinionBelow} 0 and {@code
 *     secondOpinionLikelyToChange} 0, the tier reads intents only
 * @param secondOpinionLikelyToChange an English customer message the shipped sentiment model scored
 *     is also re-scored when the shipped selector ({@code SecondOpinionSelector}) gives at least
 *     this probability that the second opinion would change its label; 0 asks for none on that
 *     ground (on held-out dialogue, 0.5 re-scored 7% of the messages for most of what re-scoring
 *     all of them gains: docs/models.md)
 * @param secondOpinionSelector a selector file ({@code switchboard model train-selector} fits one
 *     to a deployment's own messages) read in place of the shipped selector, by every TaskManager
 *     from the same path; null for the shipped one
 */
public record MeaningSettings(
        boolean enabled,
        int capacity,
        Duration timeout,
        int maxPerSecond,
        double cpuShare,
        int threads,
        int queue,
        double secondOpinionBelow,
        boolean secondOpinionOnDecisiveTurns,
        double secondOpinionLikelyToChange,
        String secondOpinionSelector)
        implements Serializable {
    /**
     * Off (a deployment turns it on, docs/models.md); when on, 1,000 in flight per instance, 50 ms,
     * 50 embeddings a second and an eighth of the processors on one thread (a bound for the
     * deployment: 50 readings of 20 ms are a whole core; in the bench at 5,000 msg/s the tier used
     * less and the share never refused, docs/performance.md): the stream waits in order behind a
     * message being read (8 to 50 ms of a core), so the bounds keep that wait short, and the events
     * that arrive meanwhile must fit in flight (200 did not: at 16,875 msg/s the job fell behind,
     * at 25,313 with 1,000 it kept up; docs/performance.md). The second opinion is asked for
     * decisive turns only (3 to 10% of dialogue turns): backtested, it halves the calm
     * conversations put on watch, where asking for unsure turns (below 0.5) added some
     * (docs/escalation.md).
     */
    public static final MeaningSettings DEFAULTS =
            new MeaningSettings(false, 1000, Duration.ofMillis(50), 50, 0.125, 1, 0, 0, true, 0);

    /** Settings with the shipped selector. */
    public MeaningSettings(
            boolean enabled,
            int capacity,
            Duration timeout,
            int maxPerSecond,
            double cpuShare,
            int threads,
            int queue,
            double secondOpinionBelow,
            boolean secondOpinionOnDecisiveTurns,
            double secondOpinionLikelyToChange) {
        this(
                enabled,
                capacity,
                timeout,
                maxPerSecond,
                cpuShare,
                threads,
                queue,
                secondOpinionBelow,
                secondOpinionOnDecisiveTurns,
                secondOpinionLikelyToChange,
                null);
    }

    /** Whether the tier gives a second opinion on sentiment at all. */
    public boolean secondOpinion() {
        return enabled
                && (secondOpinionBelow > 0
                        || secondOpinionOnDecisiveTurns
                        || secondOpinionLikelyToChange > 0);
    }

    public MeaningSettings {
        if (capacity < 1 || capacity > 10_000) {
            throw new IllegalArgumentException("--meaning-capacity must be in [1, 10000]");
        }
        if (timeout.toMillis() < 1 || timeout.toMillis() > 60_000) {
            throw new IllegalArgumentException("--meaning-timeout must be in [1ms, 60s]");
        }
        if (maxPerSecond < 1) {
            throw new IllegalArgumentException("--meaning-max-per-second must be positive");
        }
        if (!(cpuShare > 0 && cpuShare <= 1)) {
            throw new IllegalArgumentException("--meaning-cpu-share must be in (0, 1]");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--meaning-threads must be in [1, 64]");
        }
        if (queue < 0 || queue > 100_000) {
            throw new IllegalArgumentException("--meaning-queue must be in [0, 100000]");
        }
        if (!(secondOpinionBelow >= 0 && secondOpinionBelow <= 1)) {
            throw new IllegalArgumentException("--second-opinion-below must be in [0, 1]");
        }
        if (!(secondOpinionLikelyToChange >= 0 && secondOpinionLikelyToChange <= 1)) {
            throw new IllegalArgumentException(
                    "--second-opinion-likely-to-change must be in [0, 1]");
        }
        if (secondOpinionSelector != null && secondOpinionLikelyToChange == 0) {
            throw new IllegalArgumentException(
                    "--second-opinion-selector is read only with --second-opinion-likely-to-change above 0");
        }
    }
}
