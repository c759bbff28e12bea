package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final SignInGuard signIns;
    private final BoardHealth health = new BoardHealth();
    private final Map<String, Set<ClientStream>> streams = new ConcurrentHashMap<>();
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
        this.signIns = new SignInGuard(limits);
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
                        List.of(
                                settings.escalationsTopic(),
                                settings.scoresTopic(),
                                settings.routingTopic(),
                                settings.conversationsTopic(),
                                settings.acksTopic()),
                        state,
                        this::push,
                        health,
                        this::pushHealth,
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
                        requireJsonFromThisOrigin(ctx);
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
        app.post("/api/login", this::login);
        app.post(
                "/api/logout",
                ctx -> {
                    sessions.end(ctx.cookie(cookie));
                    ctx.header(
                            "Set-Cookie",
                            cookie
                                    + "=; Path=/; HttpOnly; SameSite=Strict"
                                    + (limits.secureCookies() ? "; Secure" : "")
                                    + "; Max-Age=0");
                    ctx.status(204);
                });
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
        app.sse("/api/events", this::stream);
    }

    /** Starts the feed and the web server; returns once both run. */
    public BoardServer start() {
        feedThread.start();
        app.start(settings.host(), settings.port());
        long every = limits.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(
                () -> streams.values().forEach(set -> set.forEach(ClientStream::heartbeat)),
                every,
                every,
                TimeUnit.MILLISECONDS);
        LOG.info("supervisor board on http://{}:{}/", settings.host(), app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    /**
     * Cross-site request forgery: a state-changing request must say it is JSON (which a foreign
     * page cannot send without a preflight) and, when the browser says where it comes from, come
     * from the board's own origin.
     */
    private static void requireJsonFromThisOrigin(Context ctx) {
        String type = ctx.contentType();
        if (type == null
                || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new HttpResponseException(415, "send application/json");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new HttpResponseException(403, "cross-site request refused");
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null
                && (host == null
                        || !(origin.equals("http://" + host)
                                || origin.equals("https://" + host)))) {
            throw new HttpResponseException(403, "cross-origin request refused");
        }
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

    /**
     * The request body as JSON: at most maxBodyBytes however it is sent (chunked too), else 413;
     * 400 when not JSON.
     */
    private JsonNode jsonBody(Context ctx) throws IOException {
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(limits.maxBodyBytes() + 1);
        }
        if (body.length > limits.maxBodyBytes()) {
            throw new HttpResponseException(
                    413, "request body over " + limits.maxBodyBytes() + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpResponseException(400, "expected a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpResponseException(400, "not JSON");
        }
    }

    private void login(Context ctx) throws Exception {
        JsonNode body = jsonBody(ctx);
        String username = body.path("username").isTextual() ? body.get("username").asText() : null;
        if (username == null
                || username.isEmpty()
                || username.length() > 128
                || !body.path("password").isTextual()) {
            throw new HttpResponseException(
                    400, "expected {\"username\": \"...\", \"password\": \"...\"}");
        }
        SignInGuard.Refusal refusal = signIns.tryAttempt(username, ctx.ip());
        if (refusal != null) {
            LOG.info(
                    "sign-in refused for '{}' from {}: {}",
                    LogSafe.of(username),
                    LogSafe.of(ctx.ip()),
                    refusal.reason());
            ctx.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            throw new HttpResponseException(
                    429, refusal.reason() + "; try again in " + refusal.retryAfterSeconds() + " s");
        }
        if (!signIns.tryStartHashCheck()) {
            ctx.header("Retry-After", "1");
            throw new HttpResponseException(429, "too many sign-ins at once; try again in 1 s");
        }
        Supervisor s;
        try {
            s =
                    settings.accounts()
                            .authenticate(username, body.get("password").asText().toCharArray())
                            .orElse(null);
        } finally {
            signIns.endHashCheck();
        }
        if (s == null) {
            LOG.info("failed sign-in for '{}' from {}", LogSafe.of(username), LogSafe.of(ctx.ip()));
            ctx.status(401).result("wrong username or password");
            return;
        }
        signIns.succeeded(username);
        String token = sessions.create(s);
        ctx.header(
                "Set-Cookie",
                cookie
                        + "="
                        + token
                        + "; Path=/; HttpOnly; SameSite=Strict"
                        + (limits.secureCookies() ? "; Secure" : "")
                        + "; Max-Age="
                        + limits.sessionMax().toSeconds());
        ctx.contentType("application/json")
                .result(
                        JSON.writeValueAsString(
                                Map.of("username", s.username(), "tenant", s.tenant())));
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

    private void stream(SseClient client) {
        // The /api/* before-handlers have refused requests without a session, or with too many
        // streams.
        Sessions.Session session = client.ctx().attribute("session");
        String tenant = session.supervisor.tenant();
        Set<ClientStream> tenantStreams =
                streams.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet());
        ClientStream[] self = new ClientStream[1];
        jakarta.servlet.http.HttpServletRequest request = client.ctx().req();
        ClientStream stream =
                new ClientStream(
                        client,
                        limits.streamQueue(),
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
        }
        if (sessions.get(client.ctx().cookie(cookie)) == null) {
            stream.close(); // signed out while this stream was opening
            return;
        }
        stream.start();
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
    private void push(String tenant, String conversationJson) {
        Set<ClientStream> tenantStreams = streams.get(tenant);
        if (tenantStreams == null) {
            return;
        }
        for (ClientStream stream : tenantStreams) {
            if (!stream.send("conversation", conversationJson)) {
                health.streamDropped();
                LOG.info(
                        "dropped a board stream of tenant {} that fell behind", LogSafe.of(tenant));
            }
        }
    }

    /** Tells every page how the feed is. */
    private void pushHealth() {
        String json = health.json();
        streams.values().forEach(set -> set.forEach(stream -> stream.send("health", json)));
    }

    @Override
    public void close() {
        feed.close();
        heartbeats.shutdownNow();
        sessions.endAll();
        streams.values().forEach(set -> set.forEach(ClientStream::close));
        app.stop();
        acks.close();
    }
}
