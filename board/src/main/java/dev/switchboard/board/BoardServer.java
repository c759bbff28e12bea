package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor board: a page that shows each supervisor the conversations of their tenant that
 * need them, live. Javalin (Jetty) serves the page and a small API; every {@code /api} route but
 * login needs a session, and every answer is cut to the session's tenant:
 *
 * <ul>
 *   <li>{@code POST /api/login} {@code {"username","password"}}: a session cookie (HttpOnly,
 *       SameSite=Strict); {@code POST /api/logout} ends it.
 *   <li>{@code GET /api/me}: who is signed in.
 *   <li>{@code GET /api/conversations}: the tenant's conversations at watch or above, now.
 *   <li>{@code GET /api/conversations/{id}}: one of them (404 for another tenant's).
 *   <li>{@code POST /api/conversations/{id}/ack}: "I'm on it", published to the acks topic; every
 *       board instance reads it back and pushes it to the tenant's supervisors.
 *   <li>{@code GET /api/events}: server-sent events: {@code snapshot} (the list) on connect, then
 *       {@code conversation} (one changed conversation) as records arrive.
 * </ul>
 *
 * Customer text (redacted evidence excerpts) reaches the page as JSON and is rendered as text; a
 * Content-Security-Policy without inline scripts backs that up.
 */
public final class BoardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COOKIE = "switchboard_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BoardSettings settings;
    private final BoardState state = new BoardState();
    private final Map<String, Supervisor> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<SseClient>> streams = new ConcurrentHashMap<>();
    private final KafkaProducer<String, String> acks;
    private final BoardFeed feed;
    private final Thread feedThread;
    private final Javalin app;

    public BoardServer(BoardSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.acks = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.feed = new BoardFeed(settings.bootstrapServers(),
                List.of(settings.escalationsTopic(), settings.scoresTopic(), settings.routingTopic(), settings.conversationsTopic(),
                        settings.acksTopic()),
                state, this::push);
        this.feedThread = new Thread(feed, "board-feed");
        this.feedThread.setDaemon(true);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add("/board", Location.CLASSPATH);
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        app.before("/api/*", ctx -> {
            if (!ctx.path().equals("/api/login")) {
                ctx.attribute("supervisor", signedIn(ctx));
            }
        });
        app.post("/api/login", this::login);
        app.post("/api/logout", ctx -> {
            String token = ctx.cookie(COOKIE);
            if (token != null) {
                sessions.remove(token);
            }
            ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
            ctx.status(204);
        });
        app.get("/api/me", ctx -> {
            Supervisor s = supervisor(ctx);
            ctx.contentType("application/json").result(JSON.writeValueAsString(Map.of("username", s.username(), "tenant", s.tenant())));
        });
        app.get("/api/conversations", ctx -> ctx.contentType("application/json").result(state.visible(supervisor(ctx).tenant())));
        app.get("/api/conversations/{id}", ctx -> {
            String view = state.conversation(supervisor(ctx).tenant(), ctx.pathParam("id"));
            if (view == null) {
                ctx.status(404).result("no such conversation");
            } else {
                ctx.contentType("application/json").result(view);
            }
        });
        app.post("/api/conversations/{id}/ack", this::acknowledge);
        app.sse("/api/events", this::stream);
    }

    /** Starts the feed and the web server; returns once both run. */
    public BoardServer start() {
        feedThread.start();
        app.start(settings.host(), settings.port());
        LOG.info("supervisor board on http://{}:{}/", settings.host(), app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    private Supervisor signedIn(Context ctx) {
        String token = ctx.cookie(COOKIE);
        Supervisor s = token == null ? null : sessions.get(token);
        if (s == null) {
            throw new UnauthorizedResponse("sign in first");
        }
        return s;
    }

    private static Supervisor supervisor(Context ctx) {
        return ctx.attribute("supervisor");
    }

    private void login(Context ctx) throws Exception {
        JsonNode body = JSON.readTree(ctx.body());
        String username = body.path("username").asText(null);
        char[] password = body.path("password").asText("").toCharArray();
        Supervisor s = settings.accounts().authenticate(username, password).orElse(null);
        if (s == null) {
            LOG.info("failed sign-in for '{}'", username);
            ctx.status(401).result("wrong username or password");
            return;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, s);
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.contentType("application/json").result(JSON.writeValueAsString(Map.of("username", s.username(), "tenant", s.tenant())));
    }

    private void acknowledge(Context ctx) throws Exception {
        Supervisor s = supervisor(ctx);
        String id = ctx.pathParam("id");
        if (!state.isVisible(s.tenant(), id)) {
            ctx.status(404).result("no such conversation on the board");
            return;
        }
        ObjectNode ack = JSON.createObjectNode();
        ack.put("v", 1);
        ack.put("kind", "ack");
        ack.put("tenant", s.tenant());
        ack.put("conversationId", id);
        ack.put("supervisor", s.username());
        ack.put("ts", System.currentTimeMillis());
        acks.send(new ProducerRecord<>(settings.acksTopic(), s.tenant() + "/" + id, JSON.writeValueAsString(ack))).get();
        ctx.status(202).contentType("application/json").result(ack.toString());
    }

    private void stream(SseClient client) {
        // The /api/* before-handler has refused requests without a session already.
        Supervisor s = supervisor(client.ctx());
        List<SseClient> tenantStreams = streams.computeIfAbsent(s.tenant(), t -> new CopyOnWriteArrayList<>());
        client.keepAlive();
        client.onClose(() -> tenantStreams.remove(client));
        // Listed before the snapshot is read, under the client's lock: a change that lands meanwhile
        // waits for the snapshot and then arrives again (harmless: the page replaces by id), none is lost.
        synchronized (client) {
            tenantStreams.add(client);
            client.sendEvent("snapshot", state.visible(s.tenant()));
        }
    }

    /** Sends one changed conversation to the supervisors of its tenant, and no one else. */
    private void push(String tenant, String conversationJson) {
        List<SseClient> tenantStreams = streams.get(tenant);
        if (tenantStreams == null) {
            return;
        }
        for (SseClient client : tenantStreams) {
            synchronized (client) {
                if (!client.terminated()) {
                    client.sendEvent("conversation", conversationJson);
                }
            }
        }
    }

    @Override
    public void close() {
        feed.close();
        streams.values().forEach(list -> list.forEach(SseClient::close));
        app.stop();
        acks.close();
    }

}
