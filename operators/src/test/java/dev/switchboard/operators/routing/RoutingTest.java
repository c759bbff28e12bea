package dev.switchboard.operators.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.QueueStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {
    private static final long NOW = 1_000_000;
    private static final long STALE_AFTER = 60_000;

    static QueueStatus queue(
            String name,
            List<String> skills,
            List<String> languages,
            int agents,
            int waiting,
            double avgWait,
            long ts) {
        QueueStatus q = new QueueStatus();
        q.tenant = "acme";
        q.queue = name;
        q.skills = skills;
        q.languages = languages;
        q.agentsAvailable = agents;
        q.waiting = waiting;
        q.avgWaitSeconds = avgWait;
        q.ts = ts;
        return q;
    }

    @Test
    void choosesTheQualifiedQueueWithTheShortestExpectedWait() {
        List<QueueStatus> queues =
                List.of(
                        queue("billing-en", List.of("billing"), List.of("en"), 1, 10, 60, NOW),
                        queue(
                                "billing-es",
                                List.of("billing", "cards"),
                                List.of("es", "en"),
                                4,
                                2,
                                60,
                                NOW),
                        queue("general", List.of("general"), List.of("en", "es"), 9, 0, 10, NOW));
        var english =
                QueueChoice.choose(queues, Set.of("billing"), "en", "general", STALE_AFTER, NOW);
        assertEquals("billing-es", english.queue(), "60*3/4 = 45 s beats 60*11/1");
        assertEquals(45.0, english.expectedWaitSeconds());
        var spanishCards =
                QueueChoice.choose(
                        queues, Set.of("billing", "cards"), "es", "general", STALE_AFTER, NOW);
        assertEquals("billing-es", spanishCards.queue());
        assertEquals(List.of("SKILLS_AND_LANGUAGE_MATCH"), spanishCards.reasons());
    }

    @Test
    void aQueueNotHeardFromForTooLongIsUnavailable() {
        List<QueueStatus> queues =
                List.of(
                        queue(
                                "billing-es",
                                List.of("billing"),
                                List.of("es"),
                                5,
                                0,
                                10,
                                NOW - STALE_AFTER - 1),
                        queue(
                                "billing-es-2",
                                List.of("billing"),
                                List.of("es"),
                                1,
                                3,
                                90,
                                NOW - 5_000));
        assertEquals(
                "billing-es-2",
                QueueChoice.choose(queues, Set.of("billing"), "es", "general", STALE_AFTER, NOW)
                        .queue());
    }

    @Test
    void noQualifiedQueueFallsBackToTheTenantsFallback() {
        List<QueueStatus> queues =
                List.of(queue("billing-en", List.of("billing"), List.of("en"), 5, 0, 10, NOW));
        var choice =
                QueueChoice.choose(queues, Set.of("billing"), "de", "general", STALE_AFTER, NOW);
        assertEquals("general", choice.queue());
        assertEquals(List.of("NO_QUEUE_QUALIFIES"), choice.reasons());
    }

    @Test
    void tiesAreBrokenByFreeAgentsThenName() {
        List<QueueStatus> queues =
                List.of(
                        queue("b", List.of(), List.of("en"), 2, 0, 30, NOW),
                        queue("a", List.of(), List.of("en"), 2, 0, 30, NOW),
                        queue("c", List.of(), List.of("en"), 3, 0, 30, NOW));
        assertEquals(
                "c", QueueChoice.choose(queues, Set.of(), "en", "x", STALE_AFTER, NOW).queue());
        assertEquals(
                "a",
                QueueChoice.choose(queues.subList(0, 2), Set.of(), "en", "x", STALE_AFTER, NOW)
                        .queue());
    }

    @ParameterizedTest
    @CsvSource({
        "0.2, NONE, standard, 0, 4",
        "-0.6, NONE, standard, 0, 3",
        "-0.6, NONE, gold, 0, 2",
        "-0.6, WATCH, gold, 400, 1",
        "0.0, ALERT, , 0, 2",
        "0.9, ESCALATE, standard, 0, 1",
    })
    void priorityFollowsSentimentLevelTierAndWait(
            double sentiment, EscalationLevel level, String tier, long waited, int expected) {
        assertEquals(expected, RoutingPriority.of(sentiment, level, tier, waited));
    }

    @Test
    void readsAQueueStatusRecordAndNamesWhatIsWrong() throws Exception {
        ObjectMapper json = new ObjectMapper();
        QueueStatus q =
                QueueStatusJson.parse(
                        json.readTree(
                                "{\"v\":1,\"type\":\"queue.status\",\"tenant\":\"acme\",\"queue\":\"billing-es\","
                                        + "\"skills\":[\"billing\"],\"languages\":[\"es\",\"en\"],\"agentsAvailable\":3,\"waiting\":5,\"avgWaitSeconds\":40,"
                                        + "\"ts\":\"2026-11-24T10:00:00Z\",\"site\":\"madrid\"}"));
        assertEquals("billing-es", q.queue);
        assertEquals(List.of("es", "en"), q.languages);
        assertEquals(1795514400000L, q.ts);
        for (String[] bad :
                new String[][] {
                    {
                        "{\"v\":1,\"type\":\"queue.status\",\"queue\":\"q\",\"skills\":[],\"languages\":[],\"agentsAvailable\":1,\"waiting\":0,\"avgWaitSeconds\":1,\"ts\":1}",
                        "tenant"
                    },
                    {
                        "{\"v\":1,\"type\":\"queue.status\",\"tenant\":\"a\",\"queue\":\"q\",\"skills\":\"billing\",\"languages\":[],\"agentsAvailable\":1,\"waiting\":0,\"avgWaitSeconds\":1,\"ts\":1}",
                        "skills"
                    },
                    {
                        "{\"v\":1,\"type\":\"queue.status\",\"tenant\":\"a\",\"queue\":\"q\",\"skills\":[],\"languages\":[\"spanish\"],\"agentsAvailable\":1,\"waiting\":0,\"avgWaitSeconds\":1,\"ts\":1}",
                        "ISO 639-1"
                    },
                    {
                        "{\"v\":1,\"type\":\"queue.status\",\"tenant\":\"a\",\"queue\":\"q\",\"skills\":[],\"languages\":[],\"agentsAvailable\":-1,\"waiting\":0,\"avgWaitSeconds\":1,\"ts\":1}",
                        "agentsAvailable"
                    },
                    {
                        "{\"v\":1,\"type\":\"queue.status\",\"tenant\":\"a\",\"queue\":\"q\",\"skills\":[],\"languages\":[],\"agentsAvailable\":1,\"waiting\":0,\"avgWaitSeconds\":1,\"ts\":\"soon\"}",
                        "ts"
                    },
                }) {
            var e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> QueueStatusJson.parse(json.readTree(bad[0])));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
