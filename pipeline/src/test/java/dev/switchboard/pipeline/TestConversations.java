package dev.switchboard.pipeline;

import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.operators.records.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generated contract records for workflow and Kafka tests: calm and angry conversations of several
 * tenants on chat and voice (with partial segments), interleaved as live traffic is but in order
 * within each conversation, with malformed records mixed in. Knows what a correct job must output.
 */
final class TestConversations {
    static final long START = 1_795_000_000_000L;

    static final String[] ANGRY = {
        "This is ridiculous, I have been waiting for two hours and nobody has helped me!!",
        "Worst service ever. I am furious and I want a refund now.",
        "Your app is broken again and I was charged twice. Unacceptable!",
        "I'm sick of this, cancel my account. Terrible, terrible service.",
    };
    static final String[] CALM = {
        "Thank you so much, that fixed it. Great help!",
        "Thanks, you have been very helpful, I really appreciate it.",
        "Perfect, that works great. Have a lovely day!",
    };
    static final String[] AGENT = {
        "Let me look into that for you.", "I have updated your account.",
    };

    /** A malformed payload and the reason the job must give. */
    record Malformed(String payload, DeadLetterReason reason) {}

    static final List<Malformed> MALFORMED =
            List.of(
                    new Malformed(
                            "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\"",
                            DeadLetterReason.INVALID_JSON),
                    new Malformed("definitely not json", DeadLetterReason.INVALID_JSON),
                    new Malformed("[1,2,3]", DeadLetterReason.NOT_A_JSON_OBJECT),
                    new Malformed(
                            "{\"v\":7,\"type\":\"message\"}", DeadLetterReason.UNSUPPORTED_VERSION),
                    new Malformed(
                            "{\"v\":1,\"type\":\"typing\",\"tenant\":\"acme\"}",
                            DeadLetterReason.UNKNOWN_TYPE),
                    new Malformed(
                            "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\"x\",\"channel\":\"chat\",\"role\":\"customer\",\"text\":\"hi\",\"ts\":1}",
                            DeadLetterReason.MISSING_FIELD),
                    new Malformed(
                            "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\"x\",\"messageId\":\"m\",\"channel\":\"chat\",\"role\":\"customer\",\"text\":42,\"ts\":1}",
                            DeadLetterReason.WRONG_TYPE),
                    new Malformed(
                            "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\"x\",\"messageId\":\"m\",\"channel\":\"pigeon\",\"role\":\"customer\",\"text\":\"hi\",\"ts\":1}",
                            DeadLetterReason.INVALID_VALUE));

    final List<KafkaTestBroker.Record> records = new ArrayList<>();

    /** tenant/conversationId/messageId of every final message, the ones that must be scored. */
    final Set<String> finalMessages = new TreeSet<>();

    /** Final message ids of each conversation in the order they were produced. */
    final Map<String, List<String>> messageOrder = new LinkedHashMap<>();

    final Set<String> angryConversations = new TreeSet<>();
    final Set<String> calmConversations = new TreeSet<>();
    final Set<String> endedConversations = new TreeSet<>();
    final Set<String> openConversations = new TreeSet<>();
    int partials;
    int lifecycle;
    int malformed;
    byte[] invalidUtf8;

    /**
     * @param conversations how many conversations (ids {@code c-0..}); every third is angry, every
     *     fourth is voice, every fifth is left open (no end record)
     */
    static TestConversations generate(int conversations, int messagesPerConversation, long seed) {
        TestConversations t = new TestConversations();
        Random random = new Random(seed);
        List<List<KafkaTestBroker.Record>> perConversation = new ArrayList<>();
        String[] tenants = {"acme", "globex", "initech"};
        for (int c = 0; c < conversations; c++) {
            String tenant = tenants[c % tenants.length];
            String id = "c-" + c;
            String key = tenant + "/" + id;
            boolean angry = c % 3 == 0;
            boolean voice = c % 4 == 1;
            boolean open = c % 5 == 4;
            String channel = voice ? "voice" : "chat";
            (angry ? t.angryConversations : t.calmConversations).add(key);
            (open ? t.openConversations : t.endedConversations).add(key);
            List<KafkaTestBroker.Record> rs = new ArrayList<>();
            long ts = START + c * 1_000L;
            rs.add(
                    lifecycle(
                            key,
                            "conversation.started",
                            tenant,
                            id,
                            c,
                            channel,
                            ts,
                            ",\"queue\":\"general\""));
            t.lifecycle++;
            List<String> order = new ArrayList<>();
            for (int m = 0; m < messagesPerConversation; m++) {
                ts += 2_000 + random.nextInt(3_000);
                boolean customer = m % 3 != 2;
                String text =
                        customer
                                ? (angry ? ANGRY : CALM)[random.nextInt(3)]
                                : AGENT[random.nextInt(AGENT.length)];
                String messageId = "m" + m;
                String common =
                        "\"v\":1,\"type\":\"message\",\"tenant\":\""
                                + tenant
                                + "\",\"conversationId\":\""
                                + id
                                + "\",\"messageId\":\""
                                + messageId
                                + "\",\"customerId\":\"cust-"
                                + c
                                + "\",\"channel\":\""
                                + channel
                                + "\",\"role\":\""
                                + (customer ? "customer" : "agent")
                                + "\",\"ts\":"
                                + ts;
                if (voice) {
                    rs.add(
                            record(
                                    key,
                                    "{"
                                            + common
                                            + ",\"text\":\""
                                            + text.substring(0, text.length() / 2)
                                            + "\",\"final\":false}"));
                    t.partials++;
                    rs.add(
                            record(
                                    key,
                                    "{"
                                            + common
                                            + ",\"text\":\""
                                            + text
                                            + "\",\"final\":true,\"startMs\":"
                                            + m * 5000
                                            + ",\"endMs\":"
                                            + (m * 5000 + 3000)
                                            + "}"));
                } else {
                    rs.add(record(key, "{" + common + ",\"text\":\"" + text + "\"}"));
                }
                t.finalMessages.add(key + "/" + messageId);
                order.add(messageId);
            }
            t.messageOrder.put(key, order);
            if (!open) {
                ts += 1_000;
                rs.add(lifecycle(key, "conversation.ended", tenant, id, c, channel, ts, ""));
                t.lifecycle++;
            }
            perConversation.add(rs);
        }
        // Interleave conversations at random, keeping each one's own order.
        int[] next = new int[perConversation.size()];
        int remaining = perConversation.stream().mapToInt(List::size).sum();
        int bad = 0;
        while (remaining > 0) {
            int c = random.nextInt(perConversation.size());
            if (next[c] < perConversation.get(c).size()) {
                t.records.add(perConversation.get(c).get(next[c]++));
                remaining--;
                if (random.nextInt(25) == 0 && bad < MALFORMED.size()) {
                    t.records.add(record(null, MALFORMED.get(bad++).payload()));
                }
            }
        }
        while (bad < MALFORMED.size()) {
            t.records.add(record(null, MALFORMED.get(bad++).payload()));
        }
        t.invalidUtf8 =
                new byte[] {
                    '{',
                    '"',
                    'v',
                    '"',
                    ':',
                    '1',
                    ',',
                    '"',
                    't',
                    '"',
                    ':',
                    '"',
                    (byte) 0xC3,
                    (byte) 0x28,
                    '"',
                    '}'
                };
        t.records.add(new KafkaTestBroker.Record(null, t.invalidUtf8));
        t.malformed = MALFORMED.size() + 1;
        return t;
    }

    /** A lifecycle record of conversation {@code id} of customer {@code cust-c}. */
    private static KafkaTestBroker.Record lifecycle(
            String key,
            String type,
            String tenant,
            String id,
            int c,
            String channel,
            long ts,
            String more) {
        return record(
                key,
                "{\"v\":1,\"type\":\""
                        + type
                        + "\",\"tenant\":\""
                        + tenant
                        + "\",\"conversationId\":\""
                        + id
                        + "\",\"customerId\":\"cust-"
                        + c
                        + "\",\"channel\":\""
                        + channel
                        + "\",\"ts\":"
                        + ts
                        + more
                        + "}");
    }

    private static KafkaTestBroker.Record record(String key, String json) {
        return new KafkaTestBroker.Record(key, json.getBytes(StandardCharsets.UTF_8));
    }
}
