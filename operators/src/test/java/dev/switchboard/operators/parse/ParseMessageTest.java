package dev.switchboard.operators.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseMessageTest {
    private static RawRecord raw(long offset, byte[] value) {
        return new RawRecord("switchboard.messages", 1, offset, value);
    }

    @Test
    void passesValidRecordsAndDeadLettersTheRestWithTheirPayload() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, ConversationEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseMessage(16 * 1024, ContractParser.MESSAGES_TOPIC, null))) {
            String valid =
                    "{\"v\":1,\"type\":\"conversation.started\",\"tenant\":\"t\",\"conversationId\":\"c\",\"customerId\":\"k\",\"channel\":\"chat\",\"ts\":5}";
            byte[] notUtf8 = {'{', (byte) 0xff, '}'};
            harness.processElement(
                    new StreamRecord<>(raw(10, valid.getBytes(StandardCharsets.UTF_8))));
            harness.processElement(
                    new StreamRecord<>(raw(11, "{\"v\":3}".getBytes(StandardCharsets.UTF_8))));
            harness.processElement(new StreamRecord<>(raw(12, notUtf8)));
            harness.processElement(new StreamRecord<>(raw(13, null)));

            assertEquals(
                    List.of("t/c"),
                    harness.extractOutputValues().stream()
                            .map(ConversationEvent::conversationKey)
                            .toList());
            List<DeadLetter> dead =
                    harness.getSideOutput(ParseMessage.DEAD_LETTERS).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertEquals(
                    List.of(
                            DeadLetterReason.UNSUPPORTED_VERSION,
                            DeadLetterReason.INVALID_UTF8,
                            DeadLetterReason.EMPTY_PAYLOAD),
                    dead.stream().map(d -> d.reason).toList());
            assertEquals("{\"v\":3}", dead.get(0).payload);
            assertEquals(11, dead.get(0).sourceOffset);
            assertEquals(1, dead.get(0).sourcePartition);
            assertNull(dead.get(1).payload);
            assertEquals(Base64.getEncoder().encodeToString(notUtf8), dead.get(1).payloadBase64);
            assertNull(dead.get(2).payload);
            assertNull(dead.get(2).payloadBase64);
        }
    }

    @Test
    void canRedactDeadLetterPayloads() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, ConversationEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseMessage(
                                16 * 1024,
                                ContractParser.MESSAGES_TOPIC,
                                dev.switchboard.models.privacy.Redactor.defaults()))) {
            String broken = "{\"v\":1,\"text\":\"card 4111 1111 1111 1111, mail jane@example.com\"";
            harness.processElement(
                    new StreamRecord<>(raw(20, broken.getBytes(StandardCharsets.UTF_8))));
            harness.processElement(new StreamRecord<>(raw(21, new byte[] {'{', (byte) 0xff, '}'})));
            List<DeadLetter> dead =
                    harness.getSideOutput(ParseMessage.DEAD_LETTERS).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertEquals("{\"v\":1,\"text\":\"card [CARD], mail [EMAIL]\"", dead.get(0).payload);
            org.junit.jupiter.api.Assertions.assertTrue(dead.get(0).redacted);
            assertNull(dead.get(1).payloadBase64, "no raw bytes when redacting");
            assertEquals("{\uFFFD}", dead.get(1).payload);
        }
    }

    @Test
    void pseudonymisesCustomerIdsOfMessagesAndEraseRequestsAlike() throws Exception {
        var pseudonyms =
                new dev.switchboard.models.privacy.CustomerPseudonyms(
                        "a test key of at least 32 bytes.".getBytes(StandardCharsets.US_ASCII));
        String message =
                "{\"v\":1,\"type\":\"message\",\"tenant\":\"t\",\"conversationId\":\"c\",\"messageId\":\"m\",\"customerId\":\"+447700900123\","
                        + "\"channel\":\"chat\",\"role\":\"customer\",\"text\":\"hi\",\"ts\":5}";
        String erase =
                "{\"v\":1,\"type\":\"erase\",\"tenant\":\"t\",\"customerId\":\"+447700900123\",\"requestId\":\"r1\",\"ts\":6}";
        String pseudonym;
        try (OneInputStreamOperatorTestHarness<RawRecord, ConversationEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseMessage(
                                16 * 1024, ContractParser.MESSAGES_TOPIC, null, pseudonyms))) {
            harness.processElement(
                    new StreamRecord<>(raw(1, message.getBytes(StandardCharsets.UTF_8))));
            pseudonym = harness.extractOutputValues().get(0).customerId;
        }
        assertEquals(pseudonyms.session().of("t", "+447700900123"), pseudonym);
        try (OneInputStreamOperatorTestHarness<RawRecord, ConversationEvent> control =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseMessage(
                                16 * 1024, ContractParser.CONTROL_TOPIC, null, pseudonyms))) {
            control.processElement(
                    new StreamRecord<>(raw(2, erase.getBytes(StandardCharsets.UTF_8))));
            assertEquals(
                    pseudonym,
                    control.extractOutputValues().get(0).customerId,
                    "an erase request reaches the state its customer's messages built");
        }
    }

    @Test
    void deadLetterIdsNameTheirSourceRecord() {
        ContractParser.Rejection r =
                new ContractParser.Rejection(DeadLetterReason.INVALID_JSON, "x");
        assertEquals(
                ParseMessage.deadLetter(raw(7, new byte[] {1}), r, null, 1).id,
                ParseMessage.deadLetter(raw(7, new byte[] {2}), r, null, 2).id);
        org.junit.jupiter.api.Assertions.assertNotEquals(
                ParseMessage.deadLetter(raw(7, new byte[] {1}), r, null, 1).id,
                ParseMessage.deadLetter(raw(8, new byte[] {1}), r, null, 1).id);
    }
}
