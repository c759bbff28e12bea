package dev.switchboard.operators.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.EventType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractParserTest {
    private final ContractParser parser =
            new ContractParser(16 * 1024, ContractParser.MESSAGES_TOPIC);

    private static final String CHAT =
            "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\"c-1\",\"messageId\":\"m1\","
                    + "\"customerId\":\"cust-1\",\"channel\":\"chat\",\"role\":\"customer\",\"text\":\"Where is my refund?\","
                    + "\"ts\":\"2026-11-24T10:15:30.250Z\",\"language\":\"en\"}";

    private ConversationEvent parse(String json) throws ContractParser.Rejection {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private DeadLetterReason rejectionOf(String json) {
        return assertThrows(ContractParser.Rejection.class, () -> parse(json)).reason();
    }

    @Test
    void parsesAChatMessageWithAnIsoTimestamp() throws Exception {
        ConversationEvent e = parse(CHAT);
        assertEquals(EventType.MESSAGE, e.type);
        assertEquals("acme", e.tenant);
        assertEquals("c-1", e.conversationId);
        assertEquals("acme/c-1", e.conversationKey());
        assertEquals("m1", e.messageId);
        assertEquals("cust-1", e.customerId);
        assertEquals(Channel.CHAT, e.channel);
        assertEquals(SpeakerRole.CUSTOMER, e.role);
        assertEquals("Where is my refund?", e.text);
        assertEquals(1795515330250L, e.ts);
        assertEquals("en", e.language);
        assertNull(e.isFinal);
    }

    @Test
    void acceptsEpochMillisAndIgnoresUnknownFieldsOfAnyShape() throws Exception {
        ConversationEvent e =
                parse(
                        CHAT.replace(
                                "\"ts\":\"2026-11-24T10:15:30.250Z\"",
                                "\"ts\":1795515330250,\"extra\":{\"a\":[1,{\"b\":null}]},\"more\":[true]"));
        assertEquals(1795515330250L, e.ts);
    }

    @Test
    void parsesVoiceSegmentsWithTheirTiming() throws Exception {
        ConversationEvent e =
                parse(
                        "{\"v\":1,\"type\":\"message\",\"tenant\":\"t\",\"conversationId\":\"v-1\",\"messageId\":\"s3\",\"channel\":\"voice\","
                                + "\"role\":\"agent\",\"agentId\":\"a-9\",\"text\":\"let me check\",\"ts\":5,\"final\":true,\"startMs\":1000,\"endMs\":2500,\"confidence\":0.93}");
        assertEquals(Channel.VOICE, e.channel);
        assertEquals(Boolean.TRUE, e.isFinal);
        assertEquals(1000L, e.startMs);
        assertEquals(2500L, e.endMs);
        assertEquals(0.93, e.confidence);
        assertEquals("a-9", e.agentId);
        assertFalse(e.isPartialSegment());
    }

    @Test
    void aPartialVoiceSegmentMayBeEmpty() throws Exception {
        ConversationEvent e =
                parse(
                        "{\"v\":1,\"type\":\"message\",\"tenant\":\"t\",\"conversationId\":\"v-1\",\"messageId\":\"s3\",\"channel\":\"voice\","
                                + "\"role\":\"customer\",\"text\":\"\",\"ts\":5,\"final\":false}");
        assertTrue(e.isPartialSegment());
    }

    @Test
    void parsesLifecycleEvents() throws Exception {
        ConversationEvent e =
                parse(
                        "{\"v\":1,\"type\":\"conversation.started\",\"tenant\":\"t\",\"conversationId\":\"c\",\"customerId\":\"k\","
                                + "\"channel\":\"sms\",\"ts\":7,\"customerTier\":\"gold\",\"queue\":\"billing\"}");
        assertEquals(EventType.CONVERSATION_STARTED, e.type);
        assertEquals("gold", e.customerTier);
        assertEquals("billing", e.queue);
        assertEquals(
                EventType.CONVERSATION_ENDED,
                parse(
                                "{\"v\":1,\"type\":\"conversation.ended\",\"tenant\":\"t\",\"conversationId\":\"c\",\"customerId\":\"k\",\"channel\":\"sms\",\"ts\":9}")
                        .type);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated JSON | {\"v\":1,\"type\":\"message\" | INVALID_JSON",
                "not JSON | hello there | INVALID_JSON",
                "trailing garbage | {\"v\":1} x | INVALID_JSON",
                "an array | [1,2] | NOT_A_JSON_OBJECT",
                "a string | \"message\" | NOT_A_JSON_OBJECT",
                "no version | {\"type\":\"message\"} | MISSING_FIELD",
                "version 2 | {\"v\":2,\"type\":\"message\"} | UNSUPPORTED_VERSION",
                "version as string | {\"v\":\"1\",\"type\":\"message\"} | WRONG_TYPE",
                "version as float | {\"v\":1.5} | WRONG_TYPE",
                "unknown type | {\"v\":1,\"type\":\"typing\",\"tenant\":\"t\"} | UNKNOWN_TYPE",
            })
    void rejectsBrokenEnvelopes(String name, String json, DeadLetterReason expected) {
        assertEquals(expected, rejectionOf(json));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no tenant | \"tenant\":\"acme\", | | MISSING_FIELD",
                "numeric tenant | \"tenant\":\"acme\" | \"tenant\":42 | WRONG_TYPE",
                "tenant with slash | \"tenant\":\"acme\" | \"tenant\":\"a/b\" | INVALID_VALUE",
                "empty conversation | \"conversationId\":\"c-1\" | \"conversationId\":\"  \" | INVALID_VALUE",
                "no message id | \"messageId\":\"m1\", | | MISSING_FIELD",
                "unknown channel | \"channel\":\"chat\" | \"channel\":\"fax\" | INVALID_VALUE",
                "unknown role | \"role\":\"customer\" | \"role\":\"robot\" | INVALID_VALUE",
                "text as object | \"text\":\"Where is my refund?\" | \"text\":{\"a\":1} | WRONG_TYPE",
                "empty text | \"text\":\"Where is my refund?\" | \"text\":\" \" | INVALID_VALUE",
                "null text | \"text\":\"Where is my refund?\" | \"text\":null | MISSING_FIELD",
                "bad ISO ts | \"ts\":\"2026-11-24T10:15:30.250Z\" | \"ts\":\"yesterday\" | INVALID_VALUE",
                "negative ts | \"ts\":\"2026-11-24T10:15:30.250Z\" | \"ts\":-5 | INVALID_VALUE",
                "boolean ts | \"ts\":\"2026-11-24T10:15:30.250Z\" | \"ts\":true | WRONG_TYPE",
                "control char in id | \"messageId\":\"m1\" | \"messageId\":\"m\\u00011\" | INVALID_VALUE",
            })
    void rejectsBadFieldsOfAMessage(
            String name, String field, String replacement, DeadLetterReason expected) {
        assertEquals(
                expected, rejectionOf(CHAT.replace(field, replacement == null ? "" : replacement)));
    }

    @Test
    void voiceSegmentsMustSayWhetherTheyAreFinal() {
        String voice =
                "{\"v\":1,\"type\":\"message\",\"tenant\":\"t\",\"conversationId\":\"v\",\"messageId\":\"s\",\"channel\":\"voice\",\"role\":\"customer\",\"text\":\"hi\",\"ts\":1";
        assertEquals(DeadLetterReason.MISSING_FIELD, rejectionOf(voice + "}"));
        assertEquals(DeadLetterReason.WRONG_TYPE, rejectionOf(voice + ",\"final\":\"yes\"}"));
        assertEquals(
                DeadLetterReason.INVALID_VALUE,
                rejectionOf(voice + ",\"final\":true,\"startMs\":10,\"endMs\":5}"));
        assertEquals(
                DeadLetterReason.INVALID_VALUE,
                rejectionOf(voice + ",\"final\":true,\"confidence\":1.5}"));
    }

    @Test
    void lifecycleEventsNeedACustomer() {
        assertEquals(
                DeadLetterReason.MISSING_FIELD,
                rejectionOf(
                        "{\"v\":1,\"type\":\"conversation.started\",\"tenant\":\"t\",\"conversationId\":\"c\",\"channel\":\"sms\",\"ts\":7}"));
    }

    @Test
    void eraseRequestsBelongOnTheControlTopicOnly() throws Exception {
        String erase =
                "{\"v\":1,\"type\":\"erase\",\"tenant\":\"acme\",\"customerId\":\"cust-1\",\"requestId\":\"req-1\",\"ts\":5}";
        ConversationEvent e =
                new ContractParser(100, ContractParser.CONTROL_TOPIC)
                        .parse(erase.getBytes(StandardCharsets.UTF_8));
        assertEquals(EventType.ERASE, e.type);
        assertEquals("cust-1", e.customerId);
        assertEquals("req-1", e.requestId);
        assertEquals(DeadLetterReason.UNKNOWN_TYPE, rejectionOf(erase));
        assertEquals(
                DeadLetterReason.UNKNOWN_TYPE,
                assertThrows(
                                ContractParser.Rejection.class,
                                () ->
                                        new ContractParser(100, ContractParser.CONTROL_TOPIC)
                                                .parse(CHAT.getBytes(StandardCharsets.UTF_8)))
                        .reason());
        assertEquals(
                DeadLetterReason.MISSING_FIELD,
                assertThrows(
                                ContractParser.Rejection.class,
                                () ->
                                        new ContractParser(100, ContractParser.CONTROL_TOPIC)
                                                .parse(
                                                        erase.replace(
                                                                        ",\"requestId\":\"req-1\"",
                                                                        "")
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .reason());
    }

    @Test
    void rejectsTextOverTheLimitCountedInUtf8Bytes() throws Exception {
        ContractParser small = new ContractParser(10, ContractParser.MESSAGES_TOPIC);
        String fits = CHAT.replace("Where is my refund?", "ééééé"); // 10 bytes
        assertEquals("ééééé", small.parse(fits.getBytes(StandardCharsets.UTF_8)).text);
        String over = CHAT.replace("Where is my refund?", "éééééx"); // 11 bytes
        ContractParser.Rejection r =
                assertThrows(
                        ContractParser.Rejection.class,
                        () -> small.parse(over.getBytes(StandardCharsets.UTF_8)));
        assertEquals(DeadLetterReason.TEXT_TOO_LONG, r.reason());
        assertTrue(r.getMessage().contains("11 bytes"), r.getMessage());
    }

    @Test
    void rejectsInvalidUtf8AndEmptyPayloads() {
        byte[] valid = CHAT.getBytes(StandardCharsets.UTF_8);
        valid[valid.length - 10] = (byte) 0xC3; // a lead byte without its continuation
        assertEquals(
                DeadLetterReason.INVALID_UTF8,
                assertThrows(ContractParser.Rejection.class, () -> parser.parse(valid)).reason());
        assertEquals(
                DeadLetterReason.EMPTY_PAYLOAD,
                assertThrows(ContractParser.Rejection.class, () -> parser.parse(new byte[0]))
                        .reason());
        assertEquals(
                DeadLetterReason.EMPTY_PAYLOAD,
                assertThrows(ContractParser.Rejection.class, () -> parser.parse(null)).reason());
    }

    @Test
    void rejectsDeeplyNestedValuesWithoutFailing() {
        String deep = "{\"v\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(DeadLetterReason.INVALID_JSON, rejectionOf(deep));
    }

    @Test
    void rejectionDetailsNeverQuoteThePayload() {
        String secret = "my card is 4111111111111111";
        ContractParser.Rejection r =
                assertThrows(
                        ContractParser.Rejection.class,
                        () -> parse("{\"v\":1,\"text\":\"" + secret + "\" " + secret + "}"));
        assertEquals(DeadLetterReason.INVALID_JSON, r.reason());
        assertFalse(r.getMessage().contains("4111"), r.getMessage());
        ContractParser.Rejection unquoted =
                assertThrows(ContractParser.Rejection.class, () -> parse(secret));
        assertFalse(unquoted.getMessage().contains("card"), unquoted.getMessage());
    }
}
