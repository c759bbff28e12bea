package dev.switchboard.operators.meaning;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each conversation's events in the order they came while some of them wait for a reading,
 * and lets every other conversation's events go on at once: a conversation waits behind its own
 * message being read, not behind another's. {@link ReadMeaning} enters each event with what sends
 * it on ({@code release}); an event that waits for nothing and has no conversation-mate ahead of it
 * is released at once, any other is released when it and every event of its conversation ahead of
 * it are done.
 *
 * <p>Thread-safe: the operator's thread enters events, the tier's threads mark readings done.
 * Releases run under the lock, in each conversation's order, so they must only hand the event on
 * (Flink's {@code ResultFuture.complete} queues it for the operator's thread).
 */
final class ConversationOrder {
    /** One entered event that waits, or waits behind its conversation. */
    static final class Ticket {
        private final String conversation;
        private final Runnable release;
        private boolean done;

        private Ticket(String conversation, Runnable release, boolean done) {
            this.conversation = conversation;
            this.release = release;
            this.done = done;
        }
    }

    private final Map<String, ArrayDeque<Ticket>> waiting = new HashMap<>();
    private int held;

    /**
     * Enters an event of {@code conversation}.
     *
     * @param waits whether the event waits for a reading ({@link #done} then sends it on)
     * @param release sends the event on
     * @return the event's ticket, or null when it was released at once
     */
    synchronized Ticket enter(String conversation, boolean waits, Runnable release) {
        ArrayDeque<Ticket> queue = waiting.get(conversation);
        if (queue == null) {
            if (!waits) {
                release.run();
                return null;
            }
            queue = new ArrayDeque<>(4);
            waiting.put(conversation, queue);
        }
        Ticket ticket = new Ticket(conversation, release, !waits);
        queue.addLast(ticket);
        held++;
        return ticket;
    }

    /** Marks a waiting event done and releases its conversation's events that no longer wait. */
    synchronized void done(Ticket ticket) {
        if (ticket.done) {
            return;
        }
        ticket.done = true;
        ArrayDeque<Ticket> queue = waiting.get(ticket.conversation);
        while (!queue.isEmpty() && queue.peekFirst().done) {
            queue.pollFirst().release.run();
            held--;
        }
        if (queue.isEmpty()) {
            waiting.remove(ticket.conversation);
        }
    }

    /** Events entered and not yet released: waiting for a reading, or behind one. */
    synchronized int held() {
        return held;
    }

    /** Whether no event is held, so an event that waits for nothing can go on without entering. */
    synchronized boolean isEmpty() {
        return held == 0;
    }
}
