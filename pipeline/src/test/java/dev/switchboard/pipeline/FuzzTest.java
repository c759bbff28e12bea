package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.pipeline.backtest.LocalQueueSink;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 generated bad records mixed with valid ones through the real topology on a MiniCluster
 * with RocksDB: the job must finish without a failure, dead-letter every bad record with the reason
 * its kind of damage calls for, and score every valid message, with the counts adding up.
 *
 * <p>Each bad record is built so that its damage is certain (a truncation always loses the closing
 * brace, an inserted byte is never valid UTF-8), so the expected reason is known without parsing.
 */
class FuzzTest {
    /** The fields a message must carry. */
    private static final String[] REQUIRED = {
        "v", "type", "tenant", "conversationId", "messageId", "channel", "role", "text", "ts"
    };

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    private static final int BAD = 10_000;
    private static final int VALID = 2_000;

    @TempDir Path tmp;

    /** A generated record and, for a bad one, the reason the job must give. */
    record Case(byte[] payload, DeadLetterReason expected, String messageKey) {}

    @Test
    void deadLettersEveryBadRecordAndScoresEveryValidOne() throws Exception {
        Random random = new Random(20261124);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < VALID; i++) {
            cases.add(valid(random, i));
        }
        for (int i = 0; i < BAD; i++) {
            cases.add(bad(random, i));
        }
        java.util.Collections.shuffle(cases, random);

        SwitchboardConfig config = WorkflowTest.testConfig(tmp, "unused:9092");
        StreamExecutionEnvironment env = TestClusters.environment(config);
        List<RawRecord> raw = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            raw.add(new RawRecord("fuzz", 0, i, cases.get(i).payload()));
        }
        LocalQueueSink<ScoredMessage> scores = new LocalQueueSink<>();
        LocalQueueSink<DeadLetter> deadLetters = new LocalQueueSink<>();
        Workflow.define(
                WorkflowTest.inputs(env.fromData(raw).uid("fuzz-source"), env),
                config,
                new Workflow.Outputs(
                        s -> s.sinkTo(scores).uid("fuzz-scores"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-escalations"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-shadow-escalations"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-summaries"),
                        s -> s.sinkTo(deadLetters).uid("fuzz-dead-letters"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-audit")));
        JobExecutionResult result = env.execute("fuzz");

        Map<Long, DeadLetter> byOffset =
                deadLetters.received().stream()
                        .collect(Collectors.toMap(d -> d.sourceOffset, d -> d));
        assertEquals(BAD, byOffset.size(), "every bad record dead-lettered, once");
        Map<String, Integer> wrongReasons = new TreeMap<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            DeadLetter d = byOffset.get((long) i);
            if (c.expected() == null) {
                assertEquals(null, d, () -> "a valid record was dead-lettered: " + d);
            } else {
                assertTrue(d != null, "bad record " + i + " was not dead-lettered");
                assertTrue(!d.detail.isBlank());
                assertTrue(
                        d.payload != null || d.payloadBase64 != null || c.payload().length == 0,
                        "payload kept");
                if (d.reason != c.expected()) {
                    wrongReasons.merge(c.expected() + " -> " + d.reason, 1, Integer::sum);
                }
            }
        }
        assertEquals(
                Map.of(), wrongReasons, "dead letters whose reason differs from the damage done");

        Set<String> expectedScored =
                cases.stream()
                        .filter(c -> c.expected() == null)
                        .map(Case::messageKey)
                        .collect(Collectors.toCollection(TreeSet::new));
        List<String> scored =
                scores.received().stream()
                        .map(m -> m.tenant + "/" + m.conversationId + "/" + m.messageId)
                        .toList();
        assertEquals(VALID, expectedScored.size());
        assertEquals(expectedScored, new TreeSet<>(scored));
        assertEquals(VALID, scored.size());

        assertEquals(
                cases.size() + 2,
                (long) result.getAccumulatorResult(RecordCount.IN),
                "the cases, one control command and one policy");
        assertEquals(BAD, (long) result.getAccumulatorResult(RecordCount.DEAD_LETTERS));
        assertEquals(VALID, (long) result.getAccumulatorResult(RecordCount.SCORED));
    }

    private static final String[] TEXTS = {
        "Where is my refund?",
        "This is the third time I am calling!!",
        "thanks, all sorted :)",
        "Bonjour, ça ne marche pas",
        "emoji 😡😡 and tabs\\tand \\u0007 bells",
        "\\\"quoted\\\" text",
        "a",
    };

    /**
     * A valid final message, sometimes with the odd but legal: escapes, unknown nested fields, ISO
     * time.
     */
    private static Case valid(Random r, int i) {
        String tenant = "t" + r.nextInt(5);
        String conversation = "c" + r.nextInt(300);
        String messageId = "v" + i;
        boolean voice = r.nextInt(4) == 0;
        StringBuilder b =
                new StringBuilder("{\"v\":1,\"type\":\"message\",\"tenant\":\"")
                        .append(tenant)
                        .append("\",\"conversationId\":\"")
                        .append(conversation)
                        .append("\",\"messageId\":\"")
                        .append(messageId)
                        .append("\",\"channel\":\"")
                        .append(voice ? "voice" : "chat")
                        .append("\",\"role\":\"")
                        .append(r.nextBoolean() ? "customer" : "agent")
                        .append("\",\"text\":\"")
                        .append(TEXTS[r.nextInt(TEXTS.length)])
                        .append('"');
        b.append(
                r.nextBoolean()
                        ? ",\"ts\":" + (1_795_000_000_000L + i)
                        : ",\"ts\":\"2026-11-24T10:00:00.000Z\"");
        if (voice) {
            b.append(",\"final\":true");
        }
        if (r.nextInt(3) == 0) {
            b.append(",\"x-platform\":{\"trace\":[1,{\"a\":[null,true]}],\"depth\":")
                    .append("[".repeat(20))
                    .append("]".repeat(20))
                    .append('}');
        }
        b.append('}');
        return new Case(
                b.toString().getBytes(StandardCharsets.UTF_8),
                null,
                tenant + "/" + conversation + "/" + messageId);
    }

    /** A template that is valid until damaged; its fields can be replaced one at a time. */
    private static Map<String, String> template(Random r, int i) {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("v", "1");
        f.put("type", "\"message\"");
        f.put("tenant", "\"t" + r.nextInt(5) + "\"");
        f.put("conversationId", "\"c" + r.nextInt(300) + "\"");
        f.put("messageId", "\"b" + i + "\"");
        f.put("channel", "\"chat\"");
        f.put("role", "\"customer\"");
        f.put("text", "\"" + TEXTS[r.nextInt(TEXTS.length)] + "\"");
        f.put("ts", Long.toString(1_795_000_000_000L + i));
        return f;
    }

    private static String json(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Case bad(Random r, int i) {
        Map<String, String> f = template(r, i);
        int kind = r.nextInt(12);
        switch (kind) {
            case 0 -> { // truncated anywhere before the closing brace
                byte[] whole = json(f).getBytes(StandardCharsets.UTF_8);
                int cut = r.nextInt(whole.length - 1);
                // A cut through a multi-byte character leaves invalid UTF-8, which is found first.
                DeadLetterReason reason =
                        cut == 0
                                ? DeadLetterReason.EMPTY_PAYLOAD
                                : (whole[cut] & 0xC0) == 0x80
                                        ? DeadLetterReason.INVALID_UTF8
                                        : DeadLetterReason.INVALID_JSON;
                return new Case(java.util.Arrays.copyOf(whole, cut), reason, null);
            }
            case 1 -> { // an invalid UTF-8 byte at a random place
                byte[] whole = json(f).getBytes(StandardCharsets.UTF_8);
                int at = r.nextInt(whole.length + 1);
                int[] never = {0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFF};
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(whole, 0, at);
                out.write(never[r.nextInt(never.length)]);
                out.write(whole, at, whole.length - at);
                return new Case(out.toByteArray(), DeadLetterReason.INVALID_UTF8, null);
            }
            case 2 -> { // a required field of the wrong JSON type
                String field = REQUIRED[r.nextInt(REQUIRED.length)];
                String[] wrong =
                        field.equals("v") || field.equals("ts")
                                ? new String[] {
                                    "true",
                                    "[1]",
                                    "{\"a\":1}",
                                    field.equals("v") ? "\"1\"" : "1.5e3"
                                }
                                : new String[] {"42", "true", "[\"x\"]", "{\"a\":\"b\"}", "3.14"};
                f.put(field, wrong[r.nextInt(wrong.length)]);
                return of(f, DeadLetterReason.WRONG_TYPE);
            }
            case 3 -> { // a required field missing or null
                String field = REQUIRED[r.nextInt(REQUIRED.length)];
                if (r.nextBoolean()) {
                    f.remove(field);
                } else {
                    f.put(field, "null");
                }
                return of(f, DeadLetterReason.MISSING_FIELD);
            }
            case 4 -> { // huge text or id
                if (r.nextBoolean()) {
                    f.put("text", "\"" + "x".repeat(16 * 1024 + 1 + r.nextInt(50_000)) + "\"");
                    return of(f, DeadLetterReason.TEXT_TOO_LONG);
                }
                f.put(
                        r.nextBoolean() ? "tenant" : "messageId",
                        "\"" + "i".repeat(257 + r.nextInt(5_000)) + "\"");
                return of(f, DeadLetterReason.INVALID_VALUE);
            }
            case 5 -> { // empty or blank values
                String field =
                        new String[] {"tenant", "conversationId", "messageId", "text"}
                                [r.nextInt(4)];
                f.put(field, r.nextBoolean() ? "\"\"" : "\"   \"");
                return of(f, DeadLetterReason.INVALID_VALUE);
            }
            case 6 -> { // unknown versions
                f.put("v", new String[] {"0", "2", "99", "-1", "100000000000"}[r.nextInt(5)]);
                return of(f, DeadLetterReason.UNSUPPORTED_VERSION);
            }
            case 7 -> { // control characters: raw in a string (invalid JSON), or escaped in an id
                if (r.nextBoolean()) {
                    f.put("text", "\"bad " + (char) (1 + r.nextInt(31)) + " char\"");
                    return of(f, DeadLetterReason.INVALID_JSON);
                }
                f.put(
                        "conversationId",
                        "\"c\\u000" + Integer.toHexString(1 + r.nextInt(15)) + "x\"");
                return of(f, DeadLetterReason.INVALID_VALUE);
            }
            case 8 -> { // values nested deeper than the contract allows, in an unknown field
                int depth = 65 + r.nextInt(2_000);
                f.put("x", "[".repeat(depth) + "]".repeat(depth));
                return of(f, DeadLetterReason.INVALID_JSON);
            }
            case 9 -> { // JSON that is not an object
                String[] notObjects = {
                    "42", "\"message\"", "[1,2,3]", "true", "null", "[{\"v\":1}]"
                };
                return new Case(
                        notObjects[r.nextInt(notObjects.length)].getBytes(StandardCharsets.UTF_8),
                        DeadLetterReason.NOT_A_JSON_OBJECT,
                        null);
            }
            case 10 -> { // values outside their sets
                switch (r.nextInt(4)) {
                    case 0 -> f.put("channel", "\"fax\"");
                    case 1 -> f.put("role", "\"robot\"");
                    case 2 -> f.put("ts", "\"not a time\"");
                    default -> f.put("ts", "-" + (1 + r.nextInt(1000)));
                }
                return of(f, DeadLetterReason.INVALID_VALUE);
            }
            default -> { // unknown type, or garbage after the object
                if (r.nextBoolean()) {
                    f.put("type", "\"typing." + r.nextInt(100) + "\"");
                    return of(f, DeadLetterReason.UNKNOWN_TYPE);
                }
                return new Case(
                        (json(f) + " {}").getBytes(StandardCharsets.UTF_8),
                        DeadLetterReason.INVALID_JSON,
                        null);
            }
        }
    }

    private static Case of(Map<String, String> fields, DeadLetterReason reason) {
        return new Case(json(fields).getBytes(StandardCharsets.UTF_8), reason, null);
    }

    /**
     * The policies topic gets the same treatment: 1,000 broken policy records (truncated, wrong
     * types, contradictory thresholds, unknown fields, invalid UTF-8, empty) mixed with 50 valid
     * ones. Every broken one is dead-lettered with its reason, every valid one applied, nothing
     * fails.
     */
    @Test
    void deadLettersEveryBrokenPolicyAndAppliesEveryValidOne() throws Exception {
        Random random = new Random(11);
        String valid =
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"t%d\",\"mode\":\"%s\",\"policy\":{\"name\":\"p%d\",\"version\":%d,\"alertStreak\":%d}}";
        String[] broken = {
            "{\"v\":1,\"type\":\"policy\",\"tenant\":\"t\",\"policy\":{\"alertBelow\":%d}}",
            "{\"v\":1,\"type\":\"policy\",\"tenant\":\"t\",\"policy\":{\"watchStreak\":\"%d\"}}",
            "{\"v\":1,\"type\":\"policy\",\"tenant\":\"t\",\"policy\":{\"x%d\":1}}",
            "{\"v\":%d,\"type\":\"policy\",\"tenant\":\"t\",\"policy\":{}}",
            "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a/%d\",\"policy\":{}}",
            "{\"v\":1,\"type\":\"policy\",\"tenant\":\"t\",\"mode\":\"m%d\",\"policy\":{}}",
            "[%d]",
        };
        List<RawRecord> raw = new ArrayList<>();
        Map<Long, DeadLetterReason> expected = new java.util.HashMap<>();
        int validCount = 0;
        for (int i = 0; i < 1_050; i++) {
            long offset = raw.size();
            if (i % 21 == 0) {
                validCount++;
                raw.add(
                        new RawRecord(
                                "policies",
                                0,
                                offset,
                                String.format(
                                                valid,
                                                i % 7,
                                                i % 2 == 0 ? "live" : "shadow",
                                                i,
                                                i,
                                                3 + i % 3)
                                        .getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            byte[] bytes;
            DeadLetterReason reason = DeadLetterReason.INVALID_POLICY;
            switch (random.nextInt(4)) {
                case 0 -> {
                    String v = String.format(valid, 1, "live", i, 1, 3);
                    bytes =
                            v.substring(0, 1 + random.nextInt(v.length() - 1))
                                    .getBytes(StandardCharsets.UTF_8);
                }
                case 1 ->
                        bytes =
                                String.format(
                                                broken[random.nextInt(broken.length)],
                                                2 + random.nextInt(1_000))
                                        .getBytes(StandardCharsets.UTF_8);
                case 2 -> {
                    byte[] v =
                            String.format(valid, 1, "live", i, 1, 3)
                                    .getBytes(StandardCharsets.UTF_8);
                    bytes = java.util.Arrays.copyOf(v, v.length + 1);
                    bytes[v.length] = (byte) 0xC3; // a lead byte with nothing after it
                    reason = DeadLetterReason.INVALID_UTF8;
                }
                default -> {
                    bytes = new byte[0];
                    reason = DeadLetterReason.EMPTY_PAYLOAD;
                }
            }
            expected.put(offset, reason);
            raw.add(new RawRecord("policies", 0, offset, bytes));
        }

        SwitchboardConfig config = WorkflowTest.testConfig(tmp, "unused:9092");
        StreamExecutionEnvironment env = TestClusters.environment(config);
        LocalQueueSink<DeadLetter> deadLetters = new LocalQueueSink<>();
        byte[] message =
                ("{\"v\":1,\"type\":\"message\",\"tenant\":\"t1\",\"conversationId\":\"c\",\"messageId\":\"m\",\"channel\":\"chat\","
                                + "\"role\":\"customer\",\"text\":\"hello\",\"ts\":1}")
                        .getBytes(StandardCharsets.UTF_8);
        Workflow.define(
                new Workflow.Inputs(
                        env.fromData(List.of(new RawRecord("messages", 0, 0, message)))
                                .uid("fuzz-policy-messages"),
                        WorkflowTest.noControl(env),
                        env.fromData(raw).uid("fuzz-policies")),
                config,
                new Workflow.Outputs(
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-policy-scores"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-policy-escalations"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-policy-shadow"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-policy-summaries"),
                        s -> s.sinkTo(deadLetters).uid("fuzz-policy-dead-letters"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("fuzz-policy-audit")));
        JobExecutionResult result = env.execute("fuzz-policies");

        Map<Long, DeadLetterReason> got =
                deadLetters.received().stream()
                        .filter(d -> d.sourceTopic.equals("policies"))
                        .collect(Collectors.toMap(d -> d.sourceOffset, d -> d.reason));
        assertEquals(expected, got, "every broken policy dead-lettered once, with its reason");
        assertEquals(validCount, (long) result.getAccumulatorResult(RecordCount.POLICY_UPDATES));
        assertEquals(
                raw.size() + 2L,
                (long) result.getAccumulatorResult(RecordCount.IN),
                "the policies, one message, one control command");
        assertTrue(
                deadLetters.received().stream()
                        .filter(d -> d.sourceTopic.equals("policies"))
                        .allMatch(d -> !d.detail.isBlank()));
    }
}
