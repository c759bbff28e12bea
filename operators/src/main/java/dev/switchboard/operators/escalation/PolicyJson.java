package dev.switchboard.operators.escalation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.operators.insights.InsightPolicy;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/**
 * Reads escalation policies from JSON, the same way for the job's policy file, tenants' policy
 * files and records of the policies topic. Every policy field is optional and defaults to the
 * built-in policy's value; an unknown field or a bad value is an {@link IllegalArgumentException}
 * whose message names it (and never quotes the input).
 *
 * <pre>
 * policy:  {"name": "strict", "version": 3, "watchBelow": -0.3, "watchStreak": 2, "alertBelow": -0.5,
 *           "alertStreak": 3, "escalateBelow": -0.7, "escalateStreak": 4, "recoverAbove": 0.0,
 *           "cooldown": "10min", "trendSlopeBelow": -0.3, "negativeTurnBelow": -0.4, "recoverTurns": 2,
 *           "insights": {"surgeWindow": "15min", "surgeMinCount": 6, "agentStrain": false, ...}}
 * update:  {"v": 1, "type": "policy", "tenant": "acme", "mode": "live" | "shadow", "policy": {...} | null}
 * </pre>
 */
public final class PolicyJson {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> POLICY_FIELDS =
            Set.of(
                    "name",
                    "version",
                    "watchBelow",
                    "watchStreak",
                    "alertBelow",
                    "alertStreak",
                    "escalateBelow",
                    "escalateStreak",
                    "recoverAbove",
                    "cooldown",
                    "trendSlopeBelow",
                    "negativeTurnBelow",
                    "recoverTurns",
                    "insights");
    private static final Set<String> INSIGHT_FIELDS =
            Set.of(
                    "surges",
                    "surgeLevel",
                    "surgeWindow",
                    "surgeMinCount",
                    "surgeMinFactor",
                    "surgeSignificance",
                    "surgeCloseFactor",
                    "baselinePerHour",
                    "baselinePrior",
                    "baselineWarmup",
                    "baselineHalfLife",
                    "agentStrain",
                    "strainWindow",
                    "hostileBelow",
                    "strainHostileMessages",
                    "strainEscalations",
                    "strainDifficultRun",
                    "strainNegativeMinutes");
    private static final Set<String> UPDATE_FIELDS =
            Set.of("v", "type", "tenant", "mode", "policy");
    private static final int MAX_TENANT_LENGTH = 128;

    private PolicyJson() {}

    /**
     * Parses text as JSON; a syntax error becomes an IllegalArgumentException with its position
     * only.
     */
    public static JsonNode tree(String text) {
        try {
            JsonNode json = MAPPER.readTree(text);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return json;
        } catch (IOException e) {
            String location =
                    e instanceof com.fasterxml.jackson.core.JsonProcessingException p
                                    && p.getLocation() != null
                            ? " at line "
                                    + p.getLocation().getLineNr()
                                    + ", column "
                                    + p.getLocation().getColumnNr()
                            : "";
            throw new IllegalArgumentException("invalid JSON" + location);
        }
    }

    /** A policy object; validated. */
    public static EscalationPolicy policy(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a policy must be a JSON object");
        }
        requireKnown(json, POLICY_FIELDS, "policy");
        EscalationPolicy p = new EscalationPolicy();
        p.name = text(json, "name", p.name);
        p.version = integer(json, "version", p.version);
        p.watchBelow = number(json, "watchBelow", p.watchBelow);
        p.watchStreak = integer(json, "watchStreak", p.watchStreak);
        p.alertBelow = number(json, "alertBelow", p.alertBelow);
        p.alertStreak = integer(json, "alertStreak", p.alertStreak);
        p.escalateBelow = number(json, "escalateBelow", p.escalateBelow);
        p.escalateStreak = integer(json, "escalateStreak", p.escalateStreak);
        p.recoverAbove = number(json, "recoverAbove", p.recoverAbove);
        p.trendSlopeBelow = number(json, "trendSlopeBelow", p.trendSlopeBelow);
        p.negativeTurnBelow = number(json, "negativeTurnBelow", p.negativeTurnBelow);
        p.recoverTurns = integer(json, "recoverTurns", p.recoverTurns);
        p.cooldownMs = duration(json, "cooldown", p.cooldownMs);
        if (json.has("insights")) {
            p.insights = insights(json.get("insights"));
        }
        return p.validate();
    }

    /** The {@code insights} object of a policy: thresholds of surges and agent strain. */
    static InsightPolicy insights(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("insights must be a JSON object");
        }
        requireKnown(json, INSIGHT_FIELDS, "insights");
        InsightPolicy i = new InsightPolicy();
        i.surges = bool(json, "surges", i.surges);
        String level = text(json, "surgeLevel", null);
        if (level != null) {
            try {
                i.surgeLevel = EscalationLevel.valueOf(level.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "insights.surgeLevel must be watch, alert or escalate");
            }
        }
        i.surgeWindowMs = duration(json, "surgeWindow", i.surgeWindowMs);
        i.surgeMinCount = integer(json, "surgeMinCount", i.surgeMinCount);
        i.surgeMinFactor = number(json, "surgeMinFactor", i.surgeMinFactor);
        i.surgeSignificance = number(json, "surgeSignificance", i.surgeSignificance);
        i.surgeCloseFactor = number(json, "surgeCloseFactor", i.surgeCloseFactor);
        i.baselinePerHour = number(json, "baselinePerHour", i.baselinePerHour);
        i.baselinePriorMs = duration(json, "baselinePrior", i.baselinePriorMs);
        i.baselineWarmupMs = duration(json, "baselineWarmup", i.baselineWarmupMs);
        i.baselineHalfLifeMs = duration(json, "baselineHalfLife", i.baselineHalfLifeMs);
        i.agentStrain = bool(json, "agentStrain", i.agentStrain);
        i.strainWindowMs = duration(json, "strainWindow", i.strainWindowMs);
        i.hostileBelow = number(json, "hostileBelow", i.hostileBelow);
        i.strainHostileMessages = integer(json, "strainHostileMessages", i.strainHostileMessages);
        i.strainEscalations = integer(json, "strainEscalations", i.strainEscalations);
        i.strainDifficultRun = integer(json, "strainDifficultRun", i.strainDifficultRun);
        i.strainNegativeMinutes = integer(json, "strainNegativeMinutes", i.strainNegativeMinutes);
        return i.validate();
    }

    private static long duration(JsonNode json, String field, long fallbackMs) {
        if (!json.has(field)) {
            return fallbackMs;
        }
        if (!json.get(field).isTextual()) {
            throw new IllegalArgumentException(
                    field + " must be a duration string such as \"5min\"");
        }
        try {
            return TimeUtils.parseDuration(json.get(field).asText()).toMillis();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    field + " is not a duration such as \"90s\" or \"5min\"");
        }
    }

    private static boolean bool(JsonNode json, String field, boolean fallback) {
        if (!json.has(field)) {
            return fallback;
        }
        if (!json.get(field).isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return json.get(field).asBoolean();
    }

    /**
     * A policy update: a tenant's live or shadow policy, or its removal ({@code "policy": null}).
     * {@code v} and {@code type} are required on the topic and optional in files.
     */
    public static PolicyUpdate update(JsonNode json, boolean envelopeRequired, String source) {
        requireKnown(json, UPDATE_FIELDS, "policy record");
        if (envelopeRequired || json.has("v")) {
            if (!json.has("v")) {
                throw new IllegalArgumentException("missing required field v");
            }
            if (!json.get("v").isIntegralNumber() || json.get("v").asInt() != 1) {
                throw new IllegalArgumentException("contract version must be 1");
            }
        }
        if (envelopeRequired || json.has("type")) {
            if (!json.has("type") || !"policy".equals(json.get("type").asText(null))) {
                throw new IllegalArgumentException("type must be \"policy\"");
            }
        }
        String tenant = text(json, "tenant", null);
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("missing required field tenant");
        }
        if (tenant.indexOf('/') >= 0
                || tenant.length() > MAX_TENANT_LENGTH
                || tenant.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "tenant must be at most "
                            + MAX_TENANT_LENGTH
                            + " characters, without '/' or control characters");
        }
        PolicyMode mode;
        String modeText = text(json, "mode", "live");
        try {
            mode = PolicyMode.valueOf(modeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be live or shadow");
        }
        if (!json.has("policy")) {
            throw new IllegalArgumentException(
                    "missing required field policy (null removes the tenant's "
                            + modeText
                            + " policy)");
        }
        JsonNode policy = json.get("policy");
        return new PolicyUpdate(tenant, mode, policy.isNull() ? null : policy(policy), source);
    }

    private static void requireKnown(JsonNode json, Set<String> known, String what) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
                throw new IllegalArgumentException(
                        "unknown field '"
                                + shown
                                + "' in "
                                + what
                                + " (fields: "
                                + new java.util.TreeSet<>(known)
                                + ")");
            }
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
        if (!json.get(field).isIntegralNumber() || !json.get(field).canConvertToInt()) {
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
