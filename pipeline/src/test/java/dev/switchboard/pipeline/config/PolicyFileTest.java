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
        EscalationPolicy p = PolicyFile.read(file("{\"name\":\"strict\",\"version\":3,\"watchBelow\":-0.2,\"cooldown\":\"5min\"}"));
        assertEquals("strict", p.name);
        assertEquals(3, p.version);
        assertEquals(-0.2, p.watchBelow());
        assertEquals(Duration.ofMinutes(5), p.cooldown());
        assertEquals(EscalationPolicy.defaults().alertBelow(), p.alertBelow());
    }

    @Test
    void namesWhatIsWrong() throws Exception {
        var unknown = assertThrows(IllegalArgumentException.class, () -> PolicyFile.read(file("{\"watchBellow\":-0.2}")));
        assertTrue(unknown.getMessage().contains("'watchBellow'"), unknown.getMessage());
        var type = assertThrows(IllegalArgumentException.class, () -> PolicyFile.read(file("{\"watchStreak\":\"two\"}")));
        assertTrue(type.getMessage().contains("watchStreak"), type.getMessage());
        var rule = assertThrows(IllegalArgumentException.class, () -> PolicyFile.read(file("{\"recoverAbove\":-0.9}")));
        assertTrue(rule.getMessage().contains("recoverAbove"), rule.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicyFile.read(tmp.resolve("missing.json")));
    }
}
