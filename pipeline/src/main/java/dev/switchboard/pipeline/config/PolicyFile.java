package dev.switchboard.pipeline.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.operators.escalation.EscalationPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/**
 * Reads an escalation policy from a JSON file. Every field is optional and defaults to the default
 * policy's value; an unknown field or a bad value is an error that names it.
 *
 * <pre>
 * {"name": "strict", "version": 3, "watchBelow": -0.3, "watchStreak": 2, "alertBelow": -0.5,
 *  "alertStreak": 3, "escalateBelow": -0.7, "escalateStreak": 4, "recoverAbove": 0.0, "cooldown": "5min"}
 * </pre>
 */
public final class PolicyFile {
    private static final Set<String> FIELDS =
            Set.of("name", "version", "watchBelow", "watchStreak", "alertBelow", "alertStreak", "escalateBelow",
                    "escalateStreak", "recoverAbove", "cooldown");

    private PolicyFile() {}

    public static EscalationPolicy read(Path file) {
        JsonNode json;
        try {
            json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--policy: cannot read " + file + ": " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("--policy: " + file + " is not a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("--policy: unknown field '" + name + "' in " + file + " (fields: " + FIELDS + ")");
            }
        }
        EscalationPolicy d = EscalationPolicy.defaults();
        try {
            return new EscalationPolicy(
                    text(json, "name", d.name),
                    integer(json, "version", d.version),
                    number(json, "watchBelow", d.watchBelow()),
                    integer(json, "watchStreak", d.watchStreak()),
                    number(json, "alertBelow", d.alertBelow()),
                    integer(json, "alertStreak", d.alertStreak()),
                    number(json, "escalateBelow", d.escalateBelow()),
                    integer(json, "escalateStreak", d.escalateStreak()),
                    number(json, "recoverAbove", d.recoverAbove()),
                    json.has("cooldown") ? TimeUtils.parseDuration(json.get("cooldown").asText()) : d.cooldown());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--policy: " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field, String fallback) {
        if (!json.has(field)) {
            return fallback;
        }
        if (!json.get(field).isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return json.get(field).asText();
    }

    private static int integer(JsonNode json, String field, int fallback) {
        if (!json.has(field)) {
            return fallback;
        }
        if (!json.get(field).canConvertToInt() || !json.get(field).isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return json.get(field).asInt();
    }

    private static double number(JsonNode json, String field, double fallback) {
        if (!json.has(field)) {
            return fallback;
        }
        if (!json.get(field).isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return json.get(field).asDouble();
    }
}
