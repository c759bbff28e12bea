package dev.switchboard.operators.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.operators.parse.ContractParser.Rejection;
import dev.switchboard.operators.records.DeadLetterReason;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The raw field values of one contract record as they appeared, each read with its JSON type
 * checked; presence and values are checked by {@link ContractParser}. A fresh instance per record.
 */
final class ContractFields {
    Long v;
    String type;
    String tenant;
    String conversationId;
    String messageId;
    String customerId;
    String channel;
    String role;
    String agentId;
    String text;
    Long ts;
    String language;
    Boolean isFinal;
    Long startMs;
    Long endMs;
    Double confidence;
    String customerTier;
    String queue;
    String requestId;

    /** Reads the object's fields up to its end; {@code p} stands on its START_OBJECT. */
    static ContractFields read(JsonParser p) throws IOException, Rejection {
        ContractFields f = new ContractFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "v" -> f.v = integer(p, value, name);
                case "type" -> f.type = string(p, value, name);
                case "tenant" -> f.tenant = string(p, value, name);
                case "conversationId" -> f.conversationId = string(p, value, name);
                case "messageId" -> f.messageId = string(p, value, name);
                case "customerId" -> f.customerId = string(p, value, name);
                case "channel" -> f.channel = string(p, value, name);
                case "role" -> f.role = string(p, value, name);
                case "agentId" -> f.agentId = string(p, value, name);
                case "text" -> f.text = string(p, value, name);
                case "ts" -> f.ts = timestamp(p, value);
                case "language" -> f.language = string(p, value, name);
                case "final" -> f.isFinal = bool(value, name);
                case "startMs" -> f.startMs = integer(p, value, name);
                case "endMs" -> f.endMs = integer(p, value, name);
                case "confidence" -> f.confidence = number(p, value, name);
                case "customerTier" -> f.customerTier = string(p, value, name);
                case "queue" -> f.queue = string(p, value, name);
                case "requestId" -> f.requestId = string(p, value, name);
                default -> p.skipChildren(); // unknown fields are ignored, whatever their shape
            }
        }
        return f;
    }

    private static String string(JsonParser p, JsonToken t, String field)
            throws IOException, Rejection {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p, field, "a string");
        }
        return p.getText();
    }

    private static Long integer(JsonParser p, JsonToken t, String field)
            throws IOException, Rejection {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw wrongType(p, field, "an integer");
        }
        return p.getLongValue();
    }

    private static Double number(JsonParser p, JsonToken t, String field)
            throws IOException, Rejection {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(p, field, "a number");
        }
        return p.getDoubleValue();
    }

    private static Boolean bool(JsonToken t, String field) throws Rejection {
        return switch (t) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default ->
                    throw new Rejection(DeadLetterReason.WRONG_TYPE, field + " must be a boolean");
        };
    }

    /** {@code ts}: epoch milliseconds, or an ISO-8601 instant such as 2026-11-24T10:15:30.250Z. */
    private static Long timestamp(JsonParser p, JsonToken t) throws IOException, Rejection {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long ms = p.getLongValue();
            if (ms < 0) {
                throw new Rejection(DeadLetterReason.INVALID_VALUE, "ts must not be negative");
            }
            return ms;
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(p.getText()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new Rejection(
                        DeadLetterReason.INVALID_VALUE,
                        "ts is not an ISO-8601 instant (e.g. 2026-11-24T10:15:30Z)");
            }
        }
        throw wrongType(p, "ts", "epoch milliseconds or an ISO-8601 instant string");
    }

    private static Rejection wrongType(JsonParser p, String field, String expected)
            throws IOException {
        p.skipChildren();
        return new Rejection(DeadLetterReason.WRONG_TYPE, field + " must be " + expected);
    }
}
