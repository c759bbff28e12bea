package dev.switchboard.board;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One supervisor's event stream with its own bounded queue and writer thread: the feed only ever
 * enqueues, so a slow or stalled browser delays nobody else. A client whose queue is full has
 * fallen too far behind and is dropped; its page reconnects and starts again from a fresh snapshot.
 */
final class ClientStream {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Event HEARTBEAT = new Event(null, null);

    private record Event(String name, String data) {}

    private final SseClient client;
    private final BlockingQueue<Event> queue;
    private final Thread writer;
    private final Runnable onClosed;
    private final Runnable abort;
    private volatile boolean closed;

    /**
     * @param abort closes the connection under the stream, so that a write blocked on a client that
     *     does not read fails now rather than at the server's idle timeout
     * @param onClosed run once when the stream ends, whoever ends it
     */
    ClientStream(SseClient client, int capacity, Runnable abort, Runnable onClosed) {
        this.client = client;
        this.abort = abort;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClosed = onClosed;
        this.writer = new Thread(this::write, "board-stream-" + NEXT.incrementAndGet());
        this.writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    /**
     * Queues an event; {@code false} only when this event found the queue full, and the stream was
     * dropped for it (an already closed stream takes nothing and returns {@code true}).
     */
    synchronized boolean send(String name, String data) {
        if (closed) {
            return true;
        }
        if (!queue.offer(new Event(name, data))) {
            close();
            return false;
        }
        return true;
    }

    /** A comment on a stream with nothing queued, so a dead connection is found by the write. */
    void heartbeat() {
        if (queue.isEmpty()) {
            queue.offer(HEARTBEAT);
        }
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.interrupt();
        try {
            client.close();
            abort.run();
        } catch (RuntimeException alreadyGone) {
            // the connection was closed by the other side
        }
        onClosed.run();
    }

    private void write() {
        try {
            while (!closed) {
                Event e = queue.take();
                if (e == HEARTBEAT) {
                    client.sendComment("heartbeat");
                } else {
                    client.sendEvent(e.name(), e.data());
                }
                if (client.terminated()) {
                    break;
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException writeFailed) {
            // the client went away mid-write
        }
        close();
    }
}
