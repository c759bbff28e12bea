package dev.switchboard.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The board against what the review found, each over real HTTP against a real broker: a bad record
 * does not stop the feed, a stalled client does not delay the others, request bodies are capped
 * however they are sent, bad JSON is a 400, cross-site requests and password guessing are refused,
 * signing out or expiry ends the session's streams, streams per session are capped, API answers are
 * not cached, cookies are Secure over TLS, and reading starts at the lookback, not the start of the
 * topics.
 */
class BoardHardeningTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BoardSettings.Limits D = BoardSettings.Limits.DEFAULTS;

    private final List<BoardFixture> boards = new ArrayList<>();

    @AfterEach
    void tearDown() {
        boards.forEach(BoardFixture::close);
    }

    private BoardFixture board(BoardSettings.Limits limits) throws Exception {
        BoardFixture b = new BoardFixture(KAFKA, "hard-" + System.nanoTime() + "-", limits);
        boards.add(b);
        return b;
    }

    private static BoardSettings.Limits limits(
            boolean secure, Duration idle, Duration max, int streamQueue) {
        return new BoardSettings.Limits(
                secure,
                idle,
                max,
                D.streamsPerSession(),
                streamQueue,
                D.heartbeat(),
                D.maxBodyBytes(),
                D.signInAttempts(),
                D.signInRefill(),
                D.concurrentHashChecks(),
                D.lookback(),
                D.maxConversations());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what, WAIT);
    }

    @Test
    void aRecordThatCannotBeReadIsSkippedAndCountedAndTheFeedGoesOn() throws Exception {
        BoardFixture board = board(D);
        BoardClient ana = new BoardClient(board).signedIn("ana");
        List<String> lines = ana.stream(new AtomicBoolean());
        long now = System.currentTimeMillis();
        String badTime =
                "{\"v\":1,\"kind\":\"score\",\"tenant\":\"acme\",\"conversationId\":\"a-1\",\"role\":\"customer\","
                        + "\"sentiment\":{\"score\":-0.5,\"supported\":true},\"ts\":\"not a time\"}";
        board.publish(
                board.settings.scoresTopic(),
                new KafkaTestBroker.Record("acme/a-1", badTime.getBytes(StandardCharsets.UTF_8)),
                new KafkaTestBroker.Record(
                        "acme/a-2", "{not json".getBytes(StandardCharsets.UTF_8)));
        board.publish(
                board.settings.escalationsTopic(),
                BoardFixture.escalation("acme", "a-3", "alert", "after the bad ones", now));
        await(
                () -> lines.stream().anyMatch(l -> l.contains("\"a-3\"")),
                "the record after the bad ones on the page");
        HttpResponse<String> health = ana.get("/healthz");
        assertTrue(health.body().contains("\"recordsSkipped\":2"), health.body());
        await(
                () -> {
                    try {
                        HttpResponse<String> h = ana.get("/healthz");
                        return h.statusCode() == 200 && h.body().contains("\"feed\":\"live\"");
                    } catch (Exception e) {
                        return false;
                    }
                },
                "the feed to say it is live");
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithoutDelayingAnyoneElse() throws Exception {
        BoardFixture board = board(limits(false, D.sessionIdle(), D.sessionMax(), 100));
        BoardClient ana = new BoardClient(board);
        HttpResponse<String> signIn = ana.login("ana", BoardFixture.PASSWORD);
        assertEquals(200, signIn.statusCode());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        // A stalled browser: it asks for the stream with a tiny receive buffer and never reads.
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(1024);
        stalled.connect(new java.net.InetSocketAddress("127.0.0.1", board.server.port()));
        OutputStream request = stalled.getOutputStream();
        request.write(
                ("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: "
                                + cookie
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        request.flush();
        List<String> lines = ana.stream(new AtomicBoolean());

        // Enough changes, each with a long excerpt, to fill any socket buffer many times over, in
        // batches that the reading client takes in before the next: it is never 100 changes behind
        // (its queue), however slow the machine, while the stalled one falls further behind with
        // each.
        long now = System.currentTimeMillis();
        String excerpt = "x".repeat(20_000);
        for (int batch = 0; batch < 12; batch++) {
            List<KafkaTestBroker.Record> records = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                records.add(
                        BoardFixture.escalation(
                                "acme", "flood-" + (batch * 50 + i), "alert", excerpt, now));
            }
            board.publish(
                    board.settings.escalationsTopic(),
                    records.toArray(new KafkaTestBroker.Record[0]));
            String last = "\"flood-" + (batch * 50 + 49) + "\"";
            await(
                    () -> lines.stream().anyMatch(l -> l.contains(last)),
                    "change " + last + " at the client that reads");
        }

        // The stalled client was dropped (the board counts it), and reading now it finds its
        // stream,
        // which had begun, ended.
        assertTrue(
                ana.get("/healthz").body().contains("\"streamsDropped\":1"),
                ana.get("/healthz").body());
        stalled.setSoTimeout((int) WAIT.toMillis());
        InputStream in = stalled.getInputStream();
        byte[] head = in.readNBytes(15);
        assertEquals("HTTP/1.1 200 OK", new String(head, StandardCharsets.US_ASCII));
        while (in.read(new byte[65536]) >= 0) {
            // what was sent before it was dropped
        }
        stalled.close();
    }

    @Test
    void bodiesAreCappedHoweverTheyAreSentAndBadJsonIsA400() throws Exception {
        BoardFixture board = board(D);
        BoardClient client = new BoardClient(board);
        // Chunked (no length), four times the cap: refused before it is read into memory.
        byte[] big =
                ("{\"username\":\"ana\",\"password\":\"" + "p".repeat(4 * D.maxBodyBytes()) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked =
                client.post(
                        "/api/login",
                        "application/json",
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(big)));
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertFalse(chunked.body().contains("Exception"), "no stack trace: " + chunked.body());
        HttpResponse<String> badJson =
                client.post(
                        "/api/login",
                        "application/json",
                        HttpRequest.BodyPublishers.ofString("{\"username\": ana"));
        assertEquals(400, badJson.statusCode(), badJson.body());
        HttpResponse<String> notAnObject =
                client.post(
                        "/api/login",
                        "application/json",
                        HttpRequest.BodyPublishers.ofString("[1,2]"));
        assertEquals(400, notAnObject.statusCode());
    }

    @Test
    void stateChangesMustBeJsonFromTheBoardsOwnOrigin() throws Exception {
        BoardFixture board = board(D);
        BoardClient ana = new BoardClient(board).signedIn("ana");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        assertEquals(
                415,
                ana.post("/api/logout", "text/plain", body).statusCode(),
                "a form-like post from another site");
        assertEquals(
                403,
                ana.post("/api/logout", "application/json", body, "Origin", "https://evil.example")
                        .statusCode());
        assertEquals(
                403,
                ana.post("/api/logout", "application/json", body, "Sec-Fetch-Site", "cross-site")
                        .statusCode());
        assertEquals(200, ana.get("/api/me").statusCode(), "still signed in");
        assertEquals(
                204,
                ana.post(
                                "/api/logout",
                                "application/json",
                                body,
                                "Origin",
                                "http://127.0.0.1:" + board.server.port())
                        .statusCode());
        assertEquals(401, ana.get("/api/me").statusCode());
    }

    @Test
    void passwordGuessingIsRateLimitedPerUsernameWithRetryAfter() throws Exception {
        BoardFixture board = board(D);
        BoardClient attacker = new BoardClient(board);
        for (int i = 0; i < D.signInAttempts(); i++) {
            assertEquals(401, attacker.login("ana", "guess-" + i).statusCode());
        }
        HttpResponse<String> limited = attacker.login("ana", "guess-again");
        assertEquals(429, limited.statusCode(), limited.body());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(
                429,
                attacker.login("ana", BoardFixture.PASSWORD).statusCode(),
                "not even the right password, until the wait is over");
    }

    @Test
    void signingOutOrExpiryEndsTheSessionsStreams() throws Exception {
        BoardFixture board =
                board(limits(false, Duration.ofSeconds(2), Duration.ofSeconds(4), D.streamQueue()));
        BoardClient ana = new BoardClient(board).signedIn("ana");
        AtomicBoolean ended = new AtomicBoolean();
        ana.stream(ended);
        assertEquals(
                204,
                ana.post(
                                "/api/logout",
                                "application/json",
                                HttpRequest.BodyPublishers.ofString("{}"))
                        .statusCode());
        await(ended::get, "the stream to end with the session");

        BoardClient ada = new BoardClient(board).signedIn("ada");
        AtomicBoolean expired = new AtomicBoolean();
        ada.stream(expired);
        await(expired::get, "the stream to end when the idle session expires");
        assertEquals(401, ada.get("/api/me").statusCode());
    }

    @Test
    void streamsPerSessionAreCappedAndApiAnswersAreNotCached() throws Exception {
        BoardFixture board = board(D);
        BoardClient ana = new BoardClient(board).signedIn("ana");
        for (int i = 0; i < D.streamsPerSession(); i++) {
            ana.stream(new AtomicBoolean());
        }
        HttpResponse<String> more = ana.get("/api/events");
        assertEquals(429, more.statusCode(), more.body());
        assertEquals(
                "no-store",
                ana.get("/api/conversations").headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void overTlsTheCookieIsSecureAndHostBound() throws Exception {
        BoardFixture board = board(limits(true, D.sessionIdle(), D.sessionMax(), D.streamQueue()));
        HttpResponse<String> r = new BoardClient(board).login("ana", BoardFixture.PASSWORD);
        String cookie = r.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(
                cookie.startsWith("__Host-switchboard_session=")
                        && cookie.contains("; Secure")
                        && cookie.contains("Path=/")
                        && !cookie.contains("Domain"),
                cookie);
    }

    @Test
    void readingStartsAtTheLookbackNotAtTheStartOfTheTopics() throws Exception {
        String prefix = "hard-lookback-" + System.nanoTime() + "-";
        KAFKA.createTopics(
                List.of(
                        prefix + "escalations",
                        prefix + "scores",
                        prefix + "routing",
                        prefix + "conversations",
                        prefix + "acks"),
                1);
        long now = System.currentTimeMillis();
        KAFKA.produceAt(
                prefix + "escalations",
                BoardFixture.escalation("acme", "last-week", "alert", "old", now),
                now - Duration.ofDays(7).toMillis());
        KAFKA.produceAt(
                prefix + "escalations",
                BoardFixture.escalation("acme", "today", "alert", "new", now),
                now - Duration.ofHours(1).toMillis());
        BoardFixture board = new BoardFixture(KAFKA, prefix, D);
        boards.add(board);
        BoardClient ana = new BoardClient(board).signedIn("ana");
        await(
                () -> {
                    try {
                        return ana.get("/api/conversations").body().contains("\"today\"");
                    } catch (Exception e) {
                        return false;
                    }
                },
                "the recent conversation");
        assertFalse(
                ana.get("/api/conversations").body().contains("last-week"),
                "older than the 2-day lookback");
    }
}
