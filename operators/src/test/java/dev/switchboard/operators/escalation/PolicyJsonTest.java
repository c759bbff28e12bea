package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.insights.InsightPolicy;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyJsonTest {
    private static PolicyUpdate topic(String json) {
        return PolicyJson.update(PolicyJson.tree(json), true, "t/0@1");
    }

    @Test
    void readsALivePolicyForATenant() {
        PolicyUpdate u =
                topic(
                        "{\"v\":1,\"type\":\"policy\",\"tenant\":\"acme\",\"mode\":\"live\","
                                + "\"policy\":{\"name\":\"strict\",\"version\":4,\"alertStreak\":2,\"cooldown\":\"5min\",\"trendSlopeBelow\":-0.2}}");
        assertEquals("acme", u.tenant);
        assertEquals(PolicyMode.LIVE, u.mode);
        assertEquals("strict v4", u.policy.label());
        assertEquals(2, u.policy.alertStreak);
        assertEquals(300_000, u.policy.cooldownMs);
        assertEquals(-0.2, u.policy.trendSlopeBelow);
        assertEquals(
                EscalationPolicy.defaults().escalateBelow,
                u.policy.escalateBelow,
                "left out: the default");
    }

    @Test
    void readsATenantsInsightThresholdsAndLeavesTheRestAtTheirDefaults() {
        PolicyUpdate u =
                topic(
                        "{\"v\":1,\"type\":\"policy\",\"tenant\":\"acme\",\"policy\":{\"insights\":"
                                + "{\"surgeWindow\":\"10min\",\"surgeLevel\":\"alert\",\"agentStrain\":false,"
                                + "\"strainWindow\":\"4h\",\"strainDifficultRun\":4}}}");
        var i = u.policy.insights();
        assertEquals(10, i.surgeWindowMinutes());
        assertEquals(EscalationLevel.ALERT, i.surgeLevel);
        assertEquals(false, i.agentStrain);
        assertEquals(24, i.strainBuckets());
        assertEquals(4, i.strainDifficultRun);
        assertEquals(new InsightPolicy().surgeMinCount, i.surgeMinCount, "left out: the default");
        assertTrue(i.surges);
    }

    @Test
    void aPolicyFromBeforeInsightsExistedHasTheDefaults() {
        EscalationPolicy restored = EscalationPolicy.defaults();
        restored.insights = null;
        assertEquals(new InsightPolicy().surgeMinCount, restored.insights().surgeMinCount);
    }

    @Test
    void nullRemovesAndModeDefaultsToLive() {
        PolicyUpdate u = topic("{\"v\":1,\"type\":\"policy\",\"tenant\":\"acme\",\"policy\":null}");
        assertEquals(PolicyMode.LIVE, u.mode);
        assertNull(u.policy);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{}}|missing required field v",
                "{\"v\":2,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{}}|version must be 1",
                "{\"v\":1,\"type\":\"message\",\"tenant\":\"a\",\"policy\":{}}|type must be",
                "{\"v\":1,\"type\":\"policy\",\"policy\":{}}|missing required field tenant",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a/b\",\"policy\":{}}|without '/'",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"mode\":\"canary\",\"policy\":{}}|mode must be live or shadow",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\"}|missing required field policy",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":[1]}|must be a JSON object",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"alertBelow\":0.5}}|escalateBelow <= alertBelow <= watchBelow",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"watchStreak\":1.5}}|watchStreak must be an integer",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"cooldown\":\"soon\"}}|cooldown is not a duration",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"cooldwn\":\"5min\"}}|unknown field 'cooldwn' in policy",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"extra\":1,\"policy\":{}}|unknown field 'extra' in policy record",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"insights\":{\"surgeWindow\":\"90s\"}}}|surgeWindow must be whole minutes",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"insights\":{\"surgeLevel\":\"none\"}}}|surgeLevel must be watch, alert or escalate",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"insights\":{\"surgeCloseFactor\":3}}}|surgeCloseFactor <= surgeMinFactor",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"insights\":{\"agentStrain\":\"no\"}}}|agentStrain must be true or false",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"insights\":{\"strainWindow\":\"9h\"}}}|strainWindow must be a multiple of 10min",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"insights\":{\"surge\":true}}}|unknown field 'surge' in insights",
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"a\",\"policy\":{\"insights\":[]}}|insights must be a JSON object",
                "{\"v\":1,|invalid JSON",
                "[]|not a JSON object"
            })
    void rejectsWithAReasonThatNamesTheField(String json, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> topic(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void filesMayLeaveTheEnvelopeOut() {
        PolicyUpdate u =
                PolicyJson.update(
                        PolicyJson.tree(
                                "{\"tenant\":\"acme\",\"mode\":\"shadow\",\"policy\":{\"name\":\"candidate\"}}"),
                        false,
                        "f");
        assertEquals(PolicyMode.SHADOW, u.mode);
        assertEquals("candidate", u.policy.name);
    }
}
