package dev.switchboard.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A browser-like client of a test board, with its own cookie jar. */
public final class BoardClient {
    public final BoardFixture board;
    public final HttpClient http =
            HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    public BoardClient(BoardFixture board) {
        this.board = board;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(board.url(path)))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    /** A POST with the given content type (none when null) and further headers, name then value. */
    public HttpResponse<String> post(
            String path, String contentType, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(board.url(path)))
                        .POST(body)
                        .timeout(Duration.ofSeconds(20));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> login(String username, String password) throws Exception {
        return post(
                "/api/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    public BoardClient signedIn(String username) throws Exception {
        HttpResponse<String> r = login(username, BoardFixture.PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        return this;
    }

    public List<String> stream() throws Exception {
        return stream(new AtomicBoolean());
    }

    /**
     * Opens the event stream; its data lines are collected, and {@code ended} is set when the
     * server ends it.
     */
    public List<String> stream(AtomicBoolean ended) throws Exception {
        HttpResponse<InputStream> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(board.url("/api/events")))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    r.body(), StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    if (line.startsWith("data:")) {
                                        lines.add(line.substring(5).trim());
                                    }
                                }
                            } catch (java.io.IOException closed) {
                                // ended below
                            }
                            ended.set(true);
                        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
