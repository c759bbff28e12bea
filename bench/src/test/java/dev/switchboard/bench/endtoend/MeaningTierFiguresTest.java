package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tier's figures from REST answers shaped as Flink's. */
class MeaningTierFiguresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sumsTheTiersCountersOverSubtasksAndTakesTheWorstLatency() throws Exception {
        JsonNode plan = JSON.readTree("{\"vertices\":[{\"id\":\"score\"},{\"id\":\"track\"}]}");
        String op = "Score_sentiment____Read_meaning.switchboard.";
        JsonNode ids =
                JSON.readTree(
                        "[{\"id\":\""
                                + op
                                + "meaningRead\"},{\"id\":\""
                                + op
                                + "secondOpinionConsidered\"},{\"id\":\""
                                + op
                                + "secondOpinionAsked\"},{\"id\":\""
                                + op
                                + "secondOpinionAskedDecisive\"},{\"id\":\""
                                + op
                                + "secondOpinionRescored\"},{\"id\":\""
                                + op
                                + "meaningFallbackRate\"},{\"id\":\""
                                + op
                                + "meaningMillis_p99\"},{\"id\":\""
                                + op
                                + "messagesScored\"}]");
        JsonNode values =
                JSON.readTree(
                        "[{\"id\":\""
                                + op
                                + "meaningRead\",\"sum\":30,\"max\":20},{\"id\":\""
                                + op
                                + "secondOpinionConsidered\",\"sum\":1000,\"max\":600},{\"id\":\""
                                + op
                                + "secondOpinionAsked\",\"sum\":120,\"max\":70},{\"id\":\""
                                + op
                                + "secondOpinionAskedDecisive\",\"sum\":40,\"max\":30},{\"id\":\""
                                + op
                                + "secondOpinionRescored\",\"sum\":25,\"max\":15},{\"id\":\""
                                + op
                                + "meaningFallbackRate\",\"sum\":95,\"max\":55},{\"id\":\""
                                + op
                                + "meaningMillis_p99\",\"sum\":30,\"max\":18.5}]");
        List<List<String>> asked = new java.util.ArrayList<>();
        MeaningTierFigures f =
                MeaningTierFigures.from(
                        plan,
                        vertex -> vertex.equals("score") ? ids : JSON.createArrayNode(),
                        (vertex, wanted) -> {
                            asked.add(wanted);
                            return values;
                        });

        assertEquals(1, asked.size(), "only the vertex with the tier's metrics is asked");
        assertEquals(7, asked.get(0).size(), "the tier's metrics, not the others");
        assertEquals(1000, f.considered());
        assertEquals(120, f.asked());
        assertEquals(40, f.askedDecisive());
        assertEquals(25, f.rescored());
        assertEquals(0, f.changed());
        assertEquals(30, f.read());
        assertEquals(
                Map.of("cpu", 0L, "rate", 95L, "saturated", 0L, "late", 0L, "failed", 0L),
                f.fallbacks());
        assertEquals(18.5, f.readP99Ms());
        assertEquals(0.025, f.rescoredShare(), 1e-12);
    }

    @Test
    void aTierThatReadNothingHasNoLatency() throws Exception {
        JsonNode plan = JSON.readTree("{\"vertices\":[{\"id\":\"score\"}]}");
        JsonNode ids =
                JSON.readTree(
                        "[{\"id\":\"R.switchboard.meaningRead\"},{\"id\":\"R.switchboard.meaningMillis_p99\"}]");
        JsonNode values =
                JSON.readTree(
                        "[{\"id\":\"R.switchboard.meaningRead\",\"sum\":0,\"max\":0},"
                                + "{\"id\":\"R.switchboard.meaningMillis_p99\",\"sum\":\"NaN\",\"max\":\"NaN\"}]");
        MeaningTierFigures f =
                MeaningTierFigures.from(plan, vertex -> ids, (vertex, wanted) -> values);
        assertEquals(0, f.read());
        assertNull(f.readP99Ms());
        assertNull(f.rescoredShare());
    }

    @Test
    void aJobWithoutTheTierHasNoFigures() throws Exception {
        JsonNode plan = JSON.readTree("{\"vertices\":[{\"id\":\"score\"}]}");
        JsonNode ids = JSON.readTree("[{\"id\":\"Score_sentiment.switchboard.messagesScored\"}]");
        assertNull(MeaningTierFigures.from(plan, vertex -> ids, (vertex, wanted) -> null));
    }
}
