package dev.switchboard.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The supervisor board's server against a real Kafka broker: it refuses requests without a session,
 * shows each supervisor only their tenant's records on every endpoint and on the live stream, and
 * round-trips an acknowledgement through the acks topic to every supervisor of the tenant (and no
 * one else).
 */
class BoardServerTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BoardFixture board;

    @BeforeEach
    void setUp() throws Exception {
        board = new BoardFixture(KAFKA, "board-" + System.nanoTime() + "-");
        long now = System.currentTimeMillis();
        board.publish(
                board.settings.escalationsTopic(),
                BoardFixture.escalation("acme", "a-1", "alert", "My card was charged twice!", now),
                BoardFixture.escalation("globex", "g-1", "escalate", "globex customer text", now));
        board.publish(
                board.settings.scoresTopic(),
                BoardFixture.score("acme", "a-1", "customer", -0.7, now - 2000),
                BoardFixture.score("globex", "g-1", "customer", -0.9, now - 2000));
        board.publish(
                board.settings.routingTopic(),
                BoardFixture.routing("acme", "a-1", "billing-en", 2),
                BoardFixture.routing("globex", "g-1", "general-en", 1));
    }

    @AfterEach
    void tearDown() {
        board.close();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what, WAIT);
    }

    @Test
    void refusesEveryEndpointWithoutASessionAndAWrongPassword() throws Exception {
        BoardClient anonymous = new BoardClient(board);
        for (String path :
                List.of("/api/me", "/api/conversations", "/api/conversations/a-1", "/api/events")) {
            assertEquals(401, anonymous.get(path).statusCode(), path);
        }
        assertEquals(401, anonymous.post("/api/conversations/a-1/ack", "{}").statusCode());
        assertEquals(
                401,
                anonymous
                        .post("/api/login", "{\"username\":\"ana\",\"password\":\"wrong\"}")
                        .statusCode());
        assertEquals(
                401,
                anonymous
                        .post(
                                "/api/login",
                                "{\"username\":\"nobody\",\"password\":\""
                                        + BoardFixture.PASSWORD
                                        + "\"}")
                        .statusCode());
        assertEquals(
                401,
                anonymous.get("/api/conversations").statusCode(),
                "a failed sign-in gives no session");
        assertEquals(
                200,
                anonymous.get("/").statusCode(),
                "the page itself (its sign-in form) is public");
    }

    @Test
    void aSupervisorSeesOnlyTheirTenantOnEveryEndpointAndStream() throws Exception {
        BoardClient ana = new BoardClient(board).signedIn("ana");
        BoardClient bob = new BoardClient(board).signedIn("bob");
        await(
                () -> {
                    try {
                        return ana.get("/api/conversations").body().contains("a-1")
                                && bob.get("/api/conversations").body().contains("g-1");
                    } catch (Exception e) {
                        return false;
                    }
                },
                "both tenants' conversations on the board");

        JsonNode anasList = OutputRecords.parse(ana.get("/api/conversations").body());
        assertEquals(1, anasList.size());
        assertEquals("a-1", anasList.get(0).path("conversationId").asText());
        assertEquals("billing-en", anasList.get(0).path("queue").asText());
        assertEquals(1, anasList.get(0).path("trend").size());
        assertFalse(ana.get("/api/conversations").body().contains("globex customer text"));
        assertEquals(
                404,
                ana.get("/api/conversations/g-1").statusCode(),
                "another tenant's conversation does not exist for her");
        assertEquals(404, ana.post("/api/conversations/g-1/ack", "{}").statusCode());
        assertEquals(200, ana.get("/api/conversations/a-1").statusCode());
        assertTrue(
                bob.get("/api/conversations").body().contains("g-1")
                        && !bob.get("/api/conversations").body().contains("a-1"));

        List<String> anasStream = ana.stream();
        List<String> bobsStream = bob.stream();
        await(() -> anasStream.size() >= 1 && bobsStream.size() >= 1, "the snapshots");
        long now = System.currentTimeMillis();
        board.publish(
                board.settings.escalationsTopic(),
                BoardFixture.escalation("globex", "g-2", "alert", "second globex customer", now),
                BoardFixture.escalation("acme", "a-2", "escalate", "second acme customer", now));
        await(
                () ->
                        String.join("", anasStream).contains("a-2")
                                && String.join("", bobsStream).contains("g-2"),
                "the new escalations live");
        Thread.sleep(500);
        String anas = String.join("\n", anasStream);
        String bobs = String.join("\n", bobsStream);
        assertFalse(
                anas.contains("g-1") || anas.contains("g-2") || anas.contains("globex"),
                "ana's stream carried another tenant: " + anas);
        assertFalse(
                bobs.contains("a-1") || bobs.contains("a-2") || bobs.contains("acme"),
                "bob's stream carried another tenant: " + bobs);
    }

    @Test
    void anAcknowledgementGoesThroughKafkaToEverySupervisorOfTheTenant() throws Exception {
        BoardClient ana = new BoardClient(board).signedIn("ana");
        BoardClient ada = new BoardClient(board).signedIn("ada");
        BoardClient bob = new BoardClient(board).signedIn("bob");
        await(
                () -> {
                    try {
                        return ana.get("/api/conversations").body().contains("a-1");
                    } catch (Exception e) {
                        return false;
                    }
                },
                "a-1 on the board");
        List<String> adasStream = ada.stream();
        List<String> bobsStream = bob.stream();
        await(() -> !adasStream.isEmpty() && !bobsStream.isEmpty(), "the snapshots");

        assertEquals(
                202,
                ana.post("/api/conversations/a-1/ack", "{\"tenant\":\"globex\"}").statusCode());

        JsonNode published = KAFKA.readJson(board.settings.acksTopic(), 1, WAIT).get(0);
        assertEquals(
                "acme",
                published.path("tenant").asText(),
                "the tenant is the session's, whatever the body says");
        assertEquals("a-1", published.path("conversationId").asText());
        assertEquals("ana", published.path("supervisor").asText());
        await(
                () -> adasStream.stream().anyMatch(l -> l.contains("\"ackBy\":\"ana\"")),
                "ada to see ana's acknowledgement");
        assertEquals(
                "ana",
                OutputRecords.parse(ada.get("/api/conversations/a-1").body())
                        .path("ackBy")
                        .asText());
        Thread.sleep(300);
        assertTrue(
                bobsStream.stream()
                        .noneMatch(l -> l.contains("\"ackBy\":\"ana\"") || l.contains("a-1")),
                "bob's stream got acme's acknowledgement: " + bobsStream);
    }

    @Test
    void aClosedOrRecoveredConversationLeavesTheBoard() throws Exception {
        BoardClient ana = new BoardClient(board).signedIn("ana");
        List<String> stream = ana.stream();
        await(() -> String.join("", stream).contains("a-1"), "a-1 on the board");
        board.publish(
                board.settings.escalationsTopic(),
                BoardFixture.escalation(
                        "acme",
                        "a-1",
                        "recovered",
                        "thanks, that fixed it",
                        System.currentTimeMillis()));
        await(
                () -> {
                    try {
                        return !ana.get("/api/conversations").body().contains("a-1");
                    } catch (Exception e) {
                        return false;
                    }
                },
                "a-1 to leave the board");
        // The state changes before the event reaches the client's reader thread: wait for it, too.
        await(
                () ->
                        stream.stream()
                                .anyMatch(
                                        l ->
                                                l.contains("\"conversationId\":\"a-1\"")
                                                        && l.contains("\"level\":\"none\"")),
                "the page to be told to remove it");
    }
}
