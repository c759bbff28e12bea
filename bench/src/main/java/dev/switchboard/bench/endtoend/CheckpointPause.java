package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.apache.flink.api.common.JobID;

/**
 * The longest time any task of the job stopped processing records for a checkpoint, over the
 * checkpoints triggered in a window: the synchronous part of its snapshot (for RocksDB, the native
 * checkpoint with its memtable flush) plus its barrier alignment, from Flink's checkpoint
 * statistics. Every record that reaches that task meanwhile waits, so a pause of this length recurs
 * once per checkpoint interval in the latency's tail; the progress lines' per-second worst latency
 * shows the same pauses from the outside.
 *
 * @param ms the longest pause, in milliseconds
 * @param task the task it was in (its chain's name, as in the web UI)
 * @param checkpoints the checkpoints looked at
 */
record CheckpointPause(long ms, String task, int checkpoints) {
    /**
     * Over the checkpoints of {@code job} triggered from {@code fromMillis} to {@code toMillis}.
     */
    static CheckpointPause during(int restPort, JobID job, long fromMillis, long toMillis) {
        String base = "/jobs/" + job;
        JsonNode plan = FlinkRest.rest(restPort, base);
        JsonNode stats = FlinkRest.rest(restPort, base + "/checkpoints");
        if (plan == null || stats == null) {
            return null;
        }
        return longest(
                plan,
                stats.path("history"),
                fromMillis,
                toMillis,
                id -> FlinkRest.rest(restPort, base + "/checkpoints/details/" + id),
                (id, vertex) ->
                        FlinkRest.rest(
                                restPort,
                                base + "/checkpoints/details/" + id + "/subtasks/" + vertex));
    }

    /**
     * The longest pause in {@code history} (Flink's checkpoint history) among the completed
     * checkpoints triggered in the window, null when there is none; {@code details} and {@code
     * subtasks} answer as the REST API does.
     */
    static CheckpointPause longest(
            JsonNode plan,
            JsonNode history,
            long fromMillis,
            long toMillis,
            LongFunction<JsonNode> details,
            BiFunction<Long, String, JsonNode> subtasks) {
        Map<String, String> names = new HashMap<>();
        plan.path("vertices")
                .forEach(v -> names.put(v.path("id").asText(), v.path("name").asText()));
        long longest = -1;
        String where = null;
        int looked = 0;
        for (JsonNode checkpoint : history) {
            long triggered = checkpoint.path("trigger_timestamp").asLong();
            if (!"COMPLETED".equals(checkpoint.path("status").asText())
                    || triggered < fromMillis
                    || triggered > toMillis) {
                continue;
            }
            long id = checkpoint.path("id").asLong();
            JsonNode detail = details.apply(id);
            if (detail == null) {
                continue;
            }
            looked++;
            for (var vertices = detail.path("tasks").fieldNames(); vertices.hasNext(); ) {
                String vertex = vertices.next();
                JsonNode perSubtask = subtasks.apply(id, vertex);
                if (perSubtask == null) {
                    continue;
                }
                for (JsonNode subtask : perSubtask.path("subtasks")) {
                    long pause =
                            subtask.path("checkpoint").path("sync").asLong()
                                    + subtask.path("alignment").path("duration").asLong();
                    if (pause > longest) {
                        longest = pause;
                        where = names.getOrDefault(vertex, vertex);
                    }
                }
            }
        }
        return longest < 0 ? null : new CheckpointPause(longest, where, looked);
    }
}
