package dev.switchboard.operators.routing;

import dev.switchboard.operators.records.QueueStatus;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Chooses the queue for a conversation among a tenant's live queues. Plain Java: no state, no
 * Flink.
 *
 * <ul>
 *   <li>A queue qualifies when it has every skill the conversation needs, speaks its language (no
 *       language known: any queue), and was heard from within {@code staleAfterMs} of {@code now}:
 *       a queue that has gone quiet counts as unavailable.
 *   <li>Among those, the one with the shortest expected wait wins: {@code avgWaitSeconds * (waiting
 *       + 1) / max(agentsAvailable, 1)}, 0 when an agent is free and nobody waits. Ties go to more
 *       free agents, then to the queue's name, so the choice is deterministic.
 *   <li>None qualifies: the tenant's fallback queue, with reason {@code NO_QUEUE_QUALIFIES}.
 * </ul>
 */
public final class QueueChoice {
    private QueueChoice() {}

    /**
     * @param queue the chosen queue
     * @param expectedWaitSeconds its expected wait, or -1 for the fallback (unknown)
     * @param reasons why: {@code SKILLS_AND_LANGUAGE_MATCH} or {@code NO_QUEUE_QUALIFIES}
     */
    public record Choice(String queue, double expectedWaitSeconds, List<String> reasons) {}

    public static Choice choose(
            Collection<QueueStatus> queues,
            Set<String> skills,
            String language,
            String fallbackQueue,
            long staleAfterMs,
            long now) {
        QueueStatus best = null;
        double bestWait = Double.MAX_VALUE;
        for (QueueStatus q : queues) {
            if (!qualifies(q, skills, language, staleAfterMs, now)) {
                continue;
            }
            double wait = expectedWaitSeconds(q);
            if (best == null
                    || wait < bestWait
                    || wait == bestWait
                            && (q.agentsAvailable > best.agentsAvailable
                                    || q.agentsAvailable == best.agentsAvailable
                                            && q.queue.compareTo(best.queue) < 0)) {
                best = q;
                bestWait = wait;
            }
        }
        if (best == null) {
            return new Choice(fallbackQueue, -1, List.of("NO_QUEUE_QUALIFIES"));
        }
        return new Choice(best.queue, bestWait, List.of("SKILLS_AND_LANGUAGE_MATCH"));
    }

    /** Whether {@code q} can take the conversation now. */
    public static boolean qualifies(
            QueueStatus q, Set<String> skills, String language, long staleAfterMs, long now) {
        return now - q.ts <= staleAfterMs
                && q.skills.containsAll(skills)
                && (language == null || q.languages.contains(language));
    }

    static double expectedWaitSeconds(QueueStatus q) {
        if (q.agentsAvailable > 0 && q.waiting == 0) {
            return 0;
        }
        return q.avgWaitSeconds * (q.waiting + 1) / Math.max(q.agentsAvailable, 1);
    }
}
