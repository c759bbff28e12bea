package dev.switchboard.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.escalation.EscalationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    @TempDir Path tmp;

    private Path file(String json) throws Exception {
        Path f = tmp.resolve("policy.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsAPolicyAndDefaultsWhatItLeavesOut() throws Exception {
        EscalationPolicy p =
                PolicyFile.read(
                        file(
                                "{\"name\":\"strict\",\"version\":3,\"watchBelow\":-0.2,\"cooldown\":\"5min\"}"));
        assertEquals("strict", p.name);
        assertEquals(3, p.version);
        assertEquals(-0.2, p.watchBelow());
        assertEquals(Duration.ofMinutes(5), p.cooldown());
        assertEquals(EscalationPolicy.defaults().alertBelow(), p.alertBelow());
    }

    @Test
    void namesWhatIsWrong() throws Exception {
        var unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PolicyFile.read(file("{\"watchBellow\":-0.2}")));
        assertTrue(unknown.getMessage().contains("'watchBellow'"), unknown.getMessage());
        var type =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PolicyFile.read(file("{\"watchStreak\":\"two\"}")));
        assertTrue(type.getMessage().contains("watchStreak"), type.getMessage());
        var rule =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PolicyFile.read(file("{\"recoverAbove\":-0.9}")));
        assertTrue(rule.getMessage().contains("recoverAbove"), rule.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> PolicyFile.read(tmp.resolve("missing.json")));
    }

    @Test
    void readsTenantPoliciesAndRefusesTwoForTheSameTenantAndMode() throws Exception {
        Path live = tmp.resolve("acme-live.json");
        Files.writeString(
                live, "{\"tenant\":\"acme\",\"policy\":{\"name\":\"acme\",\"alertStreak\":2}}");
        Path shadow = tmp.resolve("acme-shadow.json");
        Files.writeString(
                shadow,
                "{\"tenant\":\"acme\",\"mode\":\"shadow\",\"policy\":{\"name\":\"candidate\"}}");
        var byTenant = PolicyFile.readTenants(java.util.List.of(live, shadow));
        assertEquals("acme", byTenant.get("acme").live.name);
        assertEquals("candidate", byTenant.get("acme").shadow.name);

        var twice =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PolicyFile.readTenants(java.util.List.of(live, live)));
        assertTrue(
                twice.getMessage().contains("both set the live policy of tenant acme"),
                twice.getMessage());
        Path removal = tmp.resolve("removal.json");
        Files.writeString(removal, "{\"tenant\":\"acme\",\"policy\":null}");
        var nullPolicy =
                assertThrows(IllegalArgumentException.class, () -> PolicyFile.readTenant(removal));
        assertTrue(
                nullPolicy.getMessage().startsWith("--tenant-policy: "), nullPolicy.getMessage());
    }
}
