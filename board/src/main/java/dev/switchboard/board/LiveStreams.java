package dev.switchboard.board;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open event streams, by tenant: each change goes to its tenant's streams only, health to all.
 * Every stream is a {@link ClientStream} with its own queue and writer, so nothing here blocks.
 */
final class LiveStreams {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);

    private final Map<String, Set<ClientStream>> byTenant = new ConcurrentHashMap<>();
    private final BoardState state;
    private final BoardHealth health;
    private final int queue;

    LiveStreams(BoardState state, BoardHealth health, int queue) {
        this.state = state;
        this.health = health;
        this.queue = queue;
    }

    /**
     * Opens a stream for a session (its slot already taken): health and a snapshot first, then the
     * tenant's changes. Returns the stream, started, or null when the session ended meanwhile.
     */
    ClientStream open(SseClient client, Sessions.Session session, Sessions sessions, String token) {
        String tenant = session.supervisor.tenant();
        Set<ClientStream> tenantStreams =
                byTenant.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet());
        ClientStream[] self = new ClientStream[1];
        jakarta.servlet.http.HttpServletRequest request = client.ctx().req();
        ClientStream stream =
                new ClientStream(
                        client,
                        queue,
                        () -> abort(request),
                        () -> {
                            tenantStreams.remove(self[0]);
                            session.streams.remove(self[0]);
                            session.streamSlots.decrementAndGet();
                        });
        self[0] = stream;
        client.keepAlive();
        client.onClose(stream::close);
        // Listed and given its snapshot under the stream's lock: a change that lands meanwhile is
        // queued after the snapshot (harmless if it is in it too: the page replaces by id).
        synchronized (stream) {
            tenantStreams.add(stream);
            session.streams.add(stream);
            stream.send("health", health.json());
            stream.send("snapshot", state.visible(tenant));
            // The page clears its insights on a snapshot; only open ones need sending.
            String insights = state.insights(tenant);
            if (!insights.equals("[]")) {
                stream.send("insights", insights);
            }
        }
        if (sessions.get(token) == null) {
            stream.close(); // signed out while this stream was opening
            return null;
        }
        stream.start();
        return stream;
    }

    /** Closes the connection under a request (Jetty's), failing any write blocked on it. */
    private static void abort(jakarta.servlet.http.HttpServletRequest request) {
        org.eclipse.jetty.server.Request base =
                org.eclipse.jetty.server.Request.getBaseRequest(request);
        if (base != null && base.getHttpChannel() != null) {
            base.getHttpChannel().getEndPoint().close();
        }
    }

    /** Queues one changed conversation for the supervisors of its tenant, and no one else. */
    void push(String tenant, String conversationJson) {
        send(tenant, "conversation", conversationJson);
    }

    /** Queues one changed insight for the supervisors of its tenant, and no one else. */
    void pushInsight(String tenant, String insightJson) {
        send(tenant, "insight", insightJson);
    }

    private void send(String tenant, String event, String json) {
        Set<ClientStream> tenantStreams = byTenant.get(tenant);
        if (tenantStreams == null) {
            return;
        }
        for (ClientStream stream : tenantStreams) {
            if (!stream.send(event, json)) {
                health.streamDropped();
                LOG.info(
                        "dropped a board stream of tenant {} that fell behind", LogSafe.of(tenant));
            }
        }
    }

    /** Tells every page how the feed is. */
    void pushHealth() {
        String json = health.json();
        byTenant.values().forEach(set -> set.forEach(stream -> stream.send("health", json)));
    }

    void heartbeat() {
        byTenant.values().forEach(set -> set.forEach(ClientStream::heartbeat));
    }

    void closeAll() {
        byTenant.values().forEach(set -> set.forEach(ClientStream::close));
    }
}
