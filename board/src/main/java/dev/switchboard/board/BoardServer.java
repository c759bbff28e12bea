package dev.switchboard.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * Content-Security-Policy without inline scripts backs that up. {@code GET /healthz} says how the
 * feed is (no session needed, no tenant data). Hardened for the open internet behind TLS
 * (docs/board.md): request bodies are capped however they are sent, state-changing requests must be
 * JSON from the board's own origin, sign-in is rate-limited, sessions expire and take their streams
 * with them, each stream has its own bounded queue, and API answers are never cached.
 */
public final class BoardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BoardSettings settings;
    private final BoardSettings.Limits limits;
    private final String cookie;
    private final BoardState state;
    private final Sessions sessions;
    private final SignIn signIn;
    private final BoardHealth health = new BoardHealth();
    private final LiveStreams streams;
    private final KafkaProducer<String, String> acks;
    private final BoardFeed feed;
    private final Thread feedThread;
    private final ScheduledExecutorService heartbeats;
    private final Javalin app;

    public BoardServer(BoardSettings settings) {
        this.settings = settings;
        this.limits = settings.limits();
        // Over TLS the __Host- prefix binds the cookie to this host and to secure pages.
        this.cookie = limits.secureCookies() ? "__Host-switchboard_session" : "switchboard_session";
        this.state = new BoardState(limits.maxConversations());
        this.sessions = new Sessions(limits);
        this.signIn =
                new SignIn(settings.accounts(), sessions, new SignInGuard(limits), limits, cookie);
        this.streams = new LiveStreams(state, health, limits.streamQueue());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        this.acks = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.feed =
                new BoardFeed(
                        settings.bootstrapServers(),
                        settings.topics(),
                        state,
                        streams::push,
                        streams::pushInsight,
                        health,
                        streams::pushHealth,
                        limits.lookback());
        this.feedThread = new Thread(feed, "board-feed");
        this.feedThread.setDaemon(true);
        this.heartbeats =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "board-heartbeats");
                            t.setDaemon(true);
                            return t;
                        });
        this.app =
                Javalin.create(
                        config -> {
                            config.showJavalinBanner = false;
                            config.staticFiles.add("/board", Location.CLASSPATH);
                            config.http.maxRequestSize = limits.maxBodyBytes();
                        });
        app.before(
                ctx -> {
                    ctx.header(
                            "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
                    ctx.header("X-Content-Type-Options", "nosniff");
                    ctx.header("Referrer-Policy", "no-referrer");
                    if (limits.secureCookies()) {
                        ctx.header("Strict-Transport-Security", "max-age=31536000");
                    }
                });
        app.before(
                "/api/*",
                ctx -> {
                    ctx.header("Cache-Control", "no-store");
                    if (ctx.method() == HandlerType.POST) {
                        RequestGuards.requireJsonFromThisOrigin(ctx);
                    }
                    if (!ctx.path().equals("/api/login")) {
                        ctx.attribute("session", signedIn(ctx));
                    }
                });
        app.before(
                "/api/events",
                ctx -> {
                    Sessions.Session s = ctx.attribute("session");
                    if (s.streamSlots.incrementAndGet() > limits.streamsPerSession()) {
                        s.streamSlots.decrementAndGet();
                        throw new HttpResponseException(
                                429,
                                "at most "
                                        + limits.streamsPerSession()
                                        + " live streams per session");
                    }
                });
        app.exception(
                HttpResponseException.class,
                (e, ctx) ->
                        ctx.status(e.getStatus()).contentType("text/plain").result(e.getMessage()));
        app.exception(
                Exception.class,
                (e, ctx) -> {
                    LOG.warn(
                            "board request {} {} failed: {}",
                            ctx.method(),
                            LogSafe.of(ctx.path()),
                            e.getClass().getSimpleName());
                    ctx.status(500).contentType("text/plain").result("internal error");
                });
        app.get(
                "/healthz",
                ctx ->
                        ctx.header("Cache-Control", "no-store")
                                .status(health.healthy() ? 200 : 503)
                                .contentType("application/json")
                                .result(health.json()));
        app.post("/api/login", signIn::login);
        app.post("/api/logout", signIn::logout);
        app.get(
                "/api/me",
                ctx -> {
                    Supervisor s = supervisor(ctx);
                    ctx.contentType("application/json")
                            .result(
                                    JSON.writeValueAsString(
                                            Map.of(
                                                    "username",
                                                    s.username(),
                                                    "tenant",
                                                    s.tenant())));
                });
        app.get(
                "/api/conversations",
                ctx ->
                        ctx.contentType("application/json")
                                .result(state.visible(supervisor(ctx).tenant())));
        app.get(
                "/api/conversations/{id}",
                ctx -> {
                    String view = state.conversation(supervisor(ctx).tenant(), ctx.pathParam("id"));
                    if (view == null) {
                        ctx.status(404).result("no such conversation");
                    } else {
                        ctx.contentType("application/json").result(view);
                    }
                });
        app.post("/api/conversations/{id}/ack", this::acknowledge);
        app.sse(
                "/api/events",
                // The /api/* before-handlers have refused requests without a session, or with too
                // many streams.
                client ->
                        streams.open(
                                client,
                                client.ctx().attribute("session"),
                                sessions,
                                client.ctx().cookie(cookie)));
    }

    /** Starts the feed and the web server; returns once both run. */
    public BoardServer start() {
        feedThread.start();
        app.start(settings.host(), settings.port());
        long every = limits.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(streams::heartbeat, every, every, TimeUnit.MILLISECONDS);
        LOG.info("supervisor board on http://{}:{}/", settings.host(), app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    private Sessions.Session signedIn(Context ctx) {
        Sessions.Session s = sessions.get(ctx.cookie(cookie));
        if (s == null) {
            throw new UnauthorizedResponse("sign in first");
        }
        return s;
    }

    private static Supervisor supervisor(Context ctx) {
        Sessions.Session s = ctx.attribute("session");
        return s.supervisor;
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
        try {
            acks.send(
                            new ProducerRecord<>(
                                    settings.acksTopic(),
                                    s.tenant() + "/" + id,
                                    JSON.writeValueAsString(ack)))
                    .get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.warn("acknowledgement not published: {}", e.getClass().getSimpleName());
            throw new HttpResponseException(
                    503, "the acknowledgement could not be published now; try again");
        }
        ctx.status(202).contentType("application/json").result(ack.toString());
    }

    @Override
    public void close() {
        feed.close();
        heartbeats.shutdownNow();
        sessions.endAll();
        streams.closeAll();
        app.stop();
        acks.close();
    }
}
