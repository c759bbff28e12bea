package dev.switchboard.operators.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.EventType;
import java.io.IOException;
import java.util.Set;

/**
 * Parses one payload of contract v1 (docs/contract.md) into a {@link ConversationEvent}, or says
 * precisely why it cannot: one streaming pass over the bytes with Jackson, no tree, no reflection.
 * Unknown fields are skipped. Plain Java, so the rules are tested without Flink.
 *
 * <p>Holds no state between records beyond its settings; each parallel instance owns its parser.
 */
public final class ContractParser {
    /** Longest tenant, conversation, message, customer or agent id accepted. */
    static final int MAX_ID_LENGTH = 256;

    private static final JsonFactory JSON =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build();

    private final int maxTextBytes;
    private final Set<EventType> accepted;

    /**
     * @param maxTextBytes the largest {@code text} accepted, in UTF-8 bytes
     * @param accepted the record types this topic carries (messages and lifecycle events on the
     *     messages topic, erase requests on the control topic); others are rejected
     */
    public ContractParser(int maxTextBytes, Set<EventType> accepted) {
        this.maxTextBytes = maxTextBytes;
        this.accepted = Set.copyOf(accepted);
    }

    public static final Set<EventType> MESSAGES_TOPIC =
            Set.of(EventType.MESSAGE, EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED);
    public static final Set<EventType> CONTROL_TOPIC = Set.of(EventType.ERASE);

    /**
     * Why a payload was rejected: a stable code and a sentence that names the field, never the
     * text.
     */
    public static final class Rejection extends Exception {
        private final DeadLetterReason reason;

        Rejection(DeadLetterReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        public DeadLetterReason reason() {
            return reason;
        }
    }

    public ConversationEvent parse(byte[] payload) throws Rejection {
        if (payload == null || payload.length == 0) {
            throw new Rejection(DeadLetterReason.EMPTY_PAYLOAD, "the record has no value");
        }
        int bad = Utf8.firstInvalidByte(payload);
        if (bad >= 0) {
            throw new Rejection(
                    DeadLetterReason.INVALID_UTF8,
                    "the payload is not valid UTF-8 (byte offset " + bad + ")");
        }
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Rejection(
                        DeadLetterReason.NOT_A_JSON_OBJECT, "the payload is not a JSON object");
            }
            ContractFields f = ContractFields.read(p);
            if (p.nextToken() != null) {
                throw new Rejection(
                        DeadLetterReason.INVALID_JSON, "unexpected content after the JSON object");
            }
            return validate(f);
        } catch (JsonProcessingException e) {
            throw new Rejection(DeadLetterReason.INVALID_JSON, "invalid JSON: " + describe(e));
        } catch (IOException e) {
            throw new Rejection(
                    DeadLetterReason.INVALID_JSON,
                    "unreadable payload: " + e.getClass().getSimpleName());
        }
    }

    private ConversationEvent validate(ContractFields f) throws Rejection {
        if (f.v == null) {
            throw missing("v");
        }
        if (f.v != 1) {
            throw new Rejection(
                    DeadLetterReason.UNSUPPORTED_VERSION,
                    "contract version " + f.v + " is not supported (expected 1)");
        }
        if (f.type == null) {
            throw missing("type");
        }
        EventType type = EventType.fromWire(f.type);
        if (type == null || !accepted.contains(type)) {
            throw new Rejection(
                    DeadLetterReason.UNKNOWN_TYPE,
                    "unknown type for this topic (expected "
                            + accepted.stream()
                                    .map(EventType::wireName)
                                    .sorted()
                                    .collect(java.util.stream.Collectors.joining(", "))
                            + ")");
        }
        ConversationEvent e = new ConversationEvent();
        e.type = type;
        e.tenant = requireId(f.tenant, "tenant");
        if (e.tenant.indexOf('/') >= 0) {
            throw new Rejection(DeadLetterReason.INVALID_VALUE, "tenant must not contain '/'");
        }
        if (f.ts == null) {
            throw missing("ts");
        }
        e.ts = f.ts;
        if (type == EventType.ERASE) {
            e.customerId = requireId(f.customerId, "customerId");
            e.requestId = requireId(f.requestId, "requestId");
            return e;
        }
        e.conversationId = requireId(f.conversationId, "conversationId");
        if (f.channel == null) {
            throw missing("channel");
        }
        e.channel = Channel.fromWire(f.channel);
        if (e.channel == null) {
            throw new Rejection(
                    DeadLetterReason.INVALID_VALUE,
                    "channel must be one of chat, voice, email, social, sms");
        }
        e.customerId = optionalId(f.customerId, "customerId");
        e.agentId = optionalId(f.agentId, "agentId");
        e.language = optionalId(f.language, "language");
        if (type == EventType.MESSAGE) {
            validateMessage(f, e);
        } else {
            if (e.customerId == null) {
                throw missing("customerId");
            }
            e.customerTier = optionalId(f.customerTier, "customerTier");
            e.queue = optionalId(f.queue, "queue");
        }
        return e;
    }

    private void validateMessage(ContractFields f, ConversationEvent e) throws Rejection {
        e.messageId = requireId(f.messageId, "messageId");
        if (f.role == null) {
            throw missing("role");
        }
        e.role =
                switch (f.role) {
                    case "customer" -> SpeakerRole.CUSTOMER;
                    case "agent" -> SpeakerRole.AGENT;
                    case "bot" -> SpeakerRole.BOT;
                    default ->
                            throw new Rejection(
                                    DeadLetterReason.INVALID_VALUE,
                                    "role must be one of customer, agent, bot");
                };
        if (f.text == null) {
            throw missing("text");
        }
        if (Utf8.encodedLength(f.text) > maxTextBytes) {
            throw new Rejection(
                    DeadLetterReason.TEXT_TOO_LONG,
                    "text is "
                            + Utf8.encodedLength(f.text)
                            + " bytes, over the limit of "
                            + maxTextBytes);
        }
        e.text = f.text;
        if (e.channel == Channel.VOICE) {
            if (f.isFinal == null) {
                throw missing("final (required on voice segments)");
            }
            e.isFinal = f.isFinal;
            if (f.startMs != null && f.endMs != null && f.endMs < f.startMs) {
                throw new Rejection(DeadLetterReason.INVALID_VALUE, "endMs is before startMs");
            }
            e.startMs = f.startMs;
            e.endMs = f.endMs;
            if (f.confidence != null && !(f.confidence >= 0.0 && f.confidence <= 1.0)) {
                throw new Rejection(DeadLetterReason.INVALID_VALUE, "confidence must be in [0, 1]");
            }
            e.confidence = f.confidence;
        }
        if (e.text.isBlank() && !e.isPartialSegment()) {
            throw new Rejection(DeadLetterReason.INVALID_VALUE, "text is empty");
        }
    }

    private static Rejection missing(String field) {
        return new Rejection(DeadLetterReason.MISSING_FIELD, "missing required field " + field);
    }

    private static String requireId(String value, String field) throws Rejection {
        if (value == null) {
            throw missing(field);
        }
        String id = optionalId(value, field);
        if (id == null) {
            throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " is empty");
        }
        return id;
    }

    /** Ids and short codes: no surrounding blanks, no control characters, bounded length. */
    private static String optionalId(String value, String field) throws Rejection {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new Rejection(
                    DeadLetterReason.INVALID_VALUE,
                    field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new Rejection(
                        DeadLetterReason.INVALID_VALUE, field + " contains a control character");
            }
        }
        return value.strip();
    }

    /**
     * Jackson's message cut before anything it quotes from the payload (a token in quotes, a source
     * excerpt), which could be customer text.
     */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        for (String cut : new String[] {"'", "\"", "[Source", "(start marker", "\n"}) {
            int at = message.indexOf(cut);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        message = message.strip();
        if (message.endsWith(":")) {
            message = message.substring(0, message.length() - 1);
        }
        if (message.length() > 120) {
            message = message.substring(0, 120);
        }
        var location = e.getLocation();
        return location == null
                ? message
                : message
                        + " (line "
                        + location.getLineNr()
                        + ", column "
                        + location.getColumnNr()
                        + ")";
    }
}
