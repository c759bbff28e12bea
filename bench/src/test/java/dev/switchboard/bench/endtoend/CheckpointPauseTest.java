package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointPauseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    /** Flink's answer for one task of one checkpoint: each subtask's sync part and alignment. */
    private static JsonNode subtasks(long... syncAndAlignment) throws Exception {
        StringBuilder b = new StringBuilder("{'subtasks':[");
        for (int i = 0; i < syncAndAlignment.length; i += 2) {
            b.append(i == 0 ? "" : ",")
                    .append("{'checkpoint':{'sync':")
                    .append(syncAndAlignment[i])
                    .append(",'async':500},'alignment':{'duration':")
                    .append(syncAndAlignment[i + 1])
                    .append("}}");
        }
        return json(b.append("]}").toString());
    }

    @Test
    void theLongestSyncPartAndAlignmentOfAnySubtaskAmongTheWindowsCompletedCheckpoints()
            throws Exception {
        JsonNode plan =
                json(
                        "{'vertices':[{'id':'a','name':'Source: Kafka messages'},"
                                + "{'id':'b','name':'Track conversation'}]}");
        JsonNode history =
                json(
                        "[{'id':3,'status':'COMPLETED','trigger_timestamp':2500},"
                                + "{'id':2,'status':'FAILED','trigger_timestamp':2000},"
                                + "{'id':1,'status':'COMPLETED','trigger_timestamp':1500},"
                                + "{'id':0,'status':'COMPLETED','trigger_timestamp':500}]");
        JsonNode details = json("{'tasks':{'a':{},'b':{}}}");
        Map<String, JsonNode> answers =
                Map.of(
                        "3a", subtasks(2, 0, 1, 0),
                        "3b", subtasks(40, 5, 90, 30),
                        "1a", subtasks(3, 0, 0, 0),
                        "1b", subtasks(60, 0, 70, 1),
                        "2b", subtasks(900, 0),
                        "0b", subtasks(800, 0));

        CheckpointPause pause =
                CheckpointPause.longest(
                        plan,
                        history,
                        1_000,
                        3_000,
                        id -> details,
                        (id, vertex) -> answers.get(id + vertex));

        assertEquals(120, pause.ms(), "90 ms synchronous and 30 ms aligning, in one subtask");
        assertEquals("Track conversation", pause.task());
        assertEquals(2, pause.checkpoints(), "the failed one and the one before the window not");
    }

    @Test
    void noCheckpointInTheWindowIsNoFigure() throws Exception {
        JsonNode history = json("[{'id':0,'status':'COMPLETED','trigger_timestamp':500}]");
        assertNull(
                CheckpointPause.longest(
                        json("{'vertices':[]}"),
                        history,
                        1_000,
                        3_000,
                        id -> null,
                        (i, v) -> null));
    }
}
