package dev.switchboard.operators.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.operators.records.QueueStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads a record of {@code switchboard.queue-status} (docs/contract.md). Fields the contract does
 * not name are ignored, as on the messages topic; a missing or bad required field is an {@link
 * IllegalArgumentException} naming it (the record becomes a dead letter).
 *
 * <pre>
 * {"v":1,"type":"queue.status","tenant":"acme","queue":"billing-es","skills":["billing"],"languages":["es","en"],
 *  "agentsAvailable":3,"waiting":5,"avgWaitSeconds":40,"ts":"2026-11-24T10:00:00Z"}
 * </pre>
 */
public final class QueueStatusJson {
    private QueueStatusJson() {}

    public static QueueStatus parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!json.path("v").isIntegralNumber() || json.get("v").asInt() != 1) {
            throw new IllegalArgumentException("v must be 1");
        }
        if (!"queue.status".equals(json.path("type").asText(null))) {
            throw new IllegalArgumentException("type must be \"queue.status\"");
        }
        QueueStatus q = new QueueStatus();
        q.tenant = id(json, "tenant");
        if (q.tenant.indexOf('/') >= 0) {
            throw new IllegalArgumentException("tenant must not contain '/'");
        }
        q.queue = id(json, "queue");
        q.skills = strings(json, "skills");
        q.languages = strings(json, "languages");
        for (String l : q.languages) {
            if (!l.matches("[a-z]{2}")) {
                throw new IllegalArgumentException(
                        "languages must be ISO 639-1 codes such as \"en\"");
            }
        }
        q.agentsAvailable = count(json, "agentsAvailable");
        q.waiting = count(json, "waiting");
        JsonNode wait = json.get("avgWaitSeconds");
        if (wait == null || !wait.isNumber() || wait.asDouble() < 0) {
            throw new IllegalArgumentException("avgWaitSeconds must be a number >= 0");
        }
        q.avgWaitSeconds = wait.asDouble();
        q.ts = ts(json);
        return q;
    }

    private static String id(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing required field " + field);
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 256) {
            throw new IllegalArgumentException(
                    field + " must be a non-empty string of at most 256 characters");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of strings");
        }
        List<String> out = new java.util.ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException(field + " must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static int count(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new IllegalArgumentException(field + " must be an integer >= 0");
        }
        return v.asInt();
    }

    private static long ts(JsonNode json) {
        JsonNode v = json.get("ts");
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing required field ts");
        }
        if (v.isIntegralNumber() && v.asLong() >= 0) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Instant.parse(v.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "ts is not an ISO-8601 instant (e.g. 2026-11-24T10:15:30Z)");
            }
        }
        throw new IllegalArgumentException("ts must be epoch milliseconds or an ISO-8601 instant");
    }
}
