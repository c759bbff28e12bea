package dev.switchboard.pipeline.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.operators.parse.ContractParser;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactCenterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = 1_000_000L;
    private static final long GAP_MS = 3_000;

    /** The conversations started over {@code minutes}, one every {@link #GAP_MS}. */
    private static List<List<ContactCenter.Scheduled>> run(ContactCenter center, int minutes) {
        List<List<ContactCenter.Scheduled>> all = new ArrayList<>();
        for (long t = START; t < START + minutes * 60_000L; t += GAP_MS) {
            all.add(center.next(t));
        }
        return all;
    }

    private static List<String> texts(List<List<ContactCenter.Scheduled>> conversations) {
        List<String> texts = new ArrayList<>();
        conversations.forEach(c -> c.forEach(s -> texts.add(s.record().toString())));
        return texts;
    }

    @Test
    void theSameSeedMakesTheSameConversations() {
        List<String> a = texts(run(new ContactCenter(7, START), 5));
        assertEquals(a, texts(run(new ContactCenter(7, START), 5)));
        assertNotEquals(a, texts(run(new ContactCenter(8, START), 5)));
    }

    @Test
    void everyRecordIsAValidContractRecordAndEveryConversationStartsTurnsAndEnds()
            throws Exception {
        ContractParser parser = new ContractParser(16_384, ContractParser.MESSAGES_TOPIC);
        Set<String> languages = new HashSet<>();
        for (List<ContactCenter.Scheduled> conversation : run(new ContactCenter(1, START), 12)) {
            List<ConversationEvent> events = new ArrayList<>();
            for (ContactCenter.Scheduled s : conversation) {
                ObjectNode r = s.record().deepCopy();
                r.put("ts", s.atMs());
                events.add(parser.parse(JSON.writeValueAsBytes(r)));
            }
            assertEquals(EventType.CONVERSATION_STARTED, events.get(0).type);
            assertEquals(EventType.CONVERSATION_ENDED, events.get(events.size() - 1).type);
            String lastRole = "agent";
            for (ConversationEvent e : events) {
                if (e.type != EventType.MESSAGE || e.isPartialSegment()) {
                    continue;
                }
                String role = e.role.name();
                assertNotEquals(lastRole, role, "customer and agent take turns");
                lastRole = role;
                if (role.equals("AGENT")) {
                    assertTrue(e.agentId.startsWith(e.tenant + "-agent-"), e.agentId);
                }
            }
            ConversationEvent opening =
                    events.stream()
                            .filter(e -> e.type == EventType.MESSAGE && !e.isPartialSegment())
                            .findFirst()
                            .orElseThrow();
            languages.add(languageOf(opening.text));
        }
        assertEquals(Set.of("en", "es", "fr"), languages);
    }

    @Test
    void customersAreMostlyCalmAndSomeComeBackOnTheOtherChannel() {
        ContactCenter everyday = new ContactCenter(5, START);
        for (int i = 0; i < 2_000; i++) {
            everyday.next(START);
        }
        double n = everyday.conversations();
        assertEquals(0.7, everyday.conversations(ContactCenter.Mood.CALM) / n, 0.03);
        assertEquals(0.2, everyday.conversations(ContactCenter.Mood.ANNOYED) / n, 0.03);
        assertEquals(0.1, everyday.conversations(ContactCenter.Mood.ANGRY) / n, 0.03);
        assertEquals(0, everyday.conversations(ContactCenter.Mood.REFUND), "no surge at start");

        Map<String, Set<String>> channelsByCustomer = new HashMap<>();
        for (List<ContactCenter.Scheduled> c : run(new ContactCenter(6, START), 30)) {
            ObjectNode started = c.get(0).record();
            channelsByCustomer
                    .computeIfAbsent(started.path("customerId").asText(), k -> new HashSet<>())
                    .add(started.path("channel").asText());
        }
        long both = channelsByCustomer.values().stream().filter(s -> s.size() == 2).count();
        assertTrue(both >= 10, "customers who came back on the other channel: " + both);
    }

    @Test
    void steadyTrafficHasNoSurgeAndIsWrittenInEventTimeOrderWithTheAgentsAsked(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        ContactCenter steady = new ContactCenter(9, START, false, 30);
        Set<String> agents = new HashSet<>();
        for (long t = START; t < START + 12 * 60_000L; t += GAP_MS) {
            for (ContactCenter.Scheduled s : steady.next(t)) {
                if (s.record().has("agentId")) {
                    agents.add(s.record().path("agentId").asText());
                }
            }
        }
        assertEquals(0, steady.conversations(ContactCenter.Mood.REFUND), "no surge");
        assertTrue(agents.size() > 60, agents.size() + " agents of 4 x 30");
        java.nio.file.Path file = tmp.resolve("steady.jsonl");
        long written =
                ContactCenterDataset.write(
                        file, 3, START, java.time.Duration.ofMinutes(20), 20, false, 0);
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals(written, lines.size());
        long previous = Long.MIN_VALUE;
        ContractParser parser = new ContractParser(16_384, ContractParser.MESSAGES_TOPIC);
        for (String line : lines) {
            JsonNode j = JSON.readTree(line);
            assertTrue(j.path("ts").asLong() >= previous, "in event-time order");
            previous = j.path("ts").asLong();
            parser.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void refundComplaintsSurgeAtAcmeAndItsHardCustomersGoToOneAgentForAWhile() throws Exception {
        Set<String> hardOpenings = hardOpenings();
        ContactCenter center = new ContactCenter(9, START);
        int before = 0;
        int acmeBefore = 0;
        int during = 0;
        int acmeDuring = 0;
        Set<String> hardAgentsBefore = new HashSet<>();
        Set<String> hardAgentsInStrain = new HashSet<>();
        for (long t = START; t < START + 12 * 60_000L; t += GAP_MS) {
            List<ContactCenter.Scheduled> c = center.next(t);
            long since = t - START;
            JsonNode started = c.get(0).record();
            boolean acme = started.path("tenant").asText().equals("acme");
            if (since < ContactCenter.SURGE_START_MS) {
                before++;
                acmeBefore += acme ? 1 : 0;
            } else if (since < ContactCenter.SURGE_START_MS + ContactCenter.SURGE_LENGTH_MS) {
                during++;
                acmeDuring += acme ? 1 : 0;
            }
            String opening = c.get(1).record().path("text").asText();
            String agent =
                    c.stream()
                            .map(s -> s.record().path("agentId").asText(""))
                            .filter(a -> !a.isEmpty())
                            .findFirst()
                            .orElseThrow();
            if (acme && hardOpenings.contains(opening)) {
                if (since < ContactCenter.STRAIN_START_MS) {
                    hardAgentsBefore.add(agent);
                } else if (since < ContactCenter.STRAIN_START_MS + ContactCenter.STRAIN_LENGTH_MS) {
                    hardAgentsInStrain.add(agent);
                }
            }
        }
        double shareBefore = acmeBefore / (double) before;
        double shareDuring = acmeDuring / (double) during;
        assertTrue(
                shareDuring > 1.8 * shareBefore,
                "acme's share " + shareBefore + " before the surge, " + shareDuring + " during it");
        assertTrue(center.conversations(ContactCenter.Mood.REFUND) > 20);
        assertEquals(Set.of(ContactCenter.STRAINED_AGENT), hardAgentsInStrain);
        assertTrue(hardAgentsBefore.size() > 1, hardAgentsBefore.toString());
    }

    /** The English openings of annoyed, angry and refund-complaining customers. */
    private static Set<String> hardOpenings() throws Exception {
        JsonNode lines;
        try (InputStream in = ContactCenter.class.getResourceAsStream("/demo/lines.json")) {
            lines = JSON.readTree(in);
        }
        Set<String> hard = new HashSet<>();
        for (String mood : List.of("annoyed", "angry", "refund")) {
            lines.path("en").path(mood).path("open").forEach(l -> hard.add(l.asText()));
        }
        return hard;
    }

    /** Which language bank of lines.json a customer's opening line comes from. */
    private static String languageOf(String opening) throws Exception {
        JsonNode lines;
        try (InputStream in = ContactCenter.class.getResourceAsStream("/demo/lines.json")) {
            lines = JSON.readTree(in);
        }
        for (String language : List.of("en", "es", "fr")) {
            for (JsonNode mood : lines.path(language)) {
                for (JsonNode l : mood.path("open")) {
                    if (l.asText().equals(opening)) {
                        return language;
                    }
                }
            }
        }
        return "unknown: " + opening;
    }
}
