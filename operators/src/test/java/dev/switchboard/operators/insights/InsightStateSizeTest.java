package dev.switchboard.operators.insights;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.records.AgentSignal;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * What one key of each detector keeps, as Flink writes it to RocksDB: bounded by design (rings of
 * fixed length, three examples), measured here after long traffic so that every part is filled.
 */
class InsightStateSizeTest {
    private static <T> int serializedBytes(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return out.length();
    }

    @Test
    void aTopicKeepsAboutAKilobyteHoweverLongItRuns() throws Exception {
        SurgeSimulation sim = new SurgeSimulation(new InsightPolicy(), 3);
        sim.run(0, 3 * 24 * 60, 120);
        // Examples carry redacted excerpts of at most 160 characters.
        for (var e : sim.state.examples) {
            e.excerpt = "x".repeat(160);
        }
        int bytes = serializedBytes(sim.state, SurgeState.class);
        System.out.printf(
                "surge state of a topic after 3 days at 120 complaints an hour: %d bytes%n", bytes);
        assertTrue(bytes < 2_000, bytes + " bytes");
    }

    @Test
    void anAgentKeepsUnderAKilobyteHoweverLongItRuns() throws Exception {
        StrainState s = new StrainState();
        InsightPolicy policy = new InsightPolicy();
        for (long minute = 0; minute < 3 * 24 * 60; minute += 3) {
            AgentSignal a =
                    new AgentSignal(
                            minute % 2 == 0
                                    ? AgentSignal.Kind.HOSTILE_MESSAGE
                                    : AgentSignal.Kind.CONTACT_ENDED,
                            "acme",
                            "acme-agent-3",
                            "c-" + minute,
                            minute * 60_000);
            a.negativeMs = 120_000;
            StrainMeter.record(s, a, policy);
        }
        int bytes = serializedBytes(s, StrainState.class);
        System.out.printf("strain state of an agent after 3 days: %d bytes%n", bytes);
        assertTrue(bytes < 1_000, bytes + " bytes");
    }
}
