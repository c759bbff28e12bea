package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.pipeline.config.JobOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which operators share a task in the job as it is submitted: every task boundary costs each record
 * a serialisation, a deserialisation and a hand-over between threads (docs/performance.md).
 */
class TaskChainsTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "routing {0}")
    @ValueSource(booleans = {false, true})
    void scoringTheMeaningTierAndTheConversationStateRunInOneTask(boolean routing) {
        JobOptions options = WorkflowTest.testOptions(tmp, "unused:9092");
        if (routing) {
            options.routing.routingFile = Path.of("src/main/resources/demo/routing.json");
        }
        StreamExecutionEnvironment env = TestClusters.environment(options.toConfig());
        SwitchboardJob.define(env, options.toConfig(), null);
        List<JobVertex> tasks =
                StreamSupport.stream(
                                env.getStreamGraph().getJobGraph().getVertices().spliterator(),
                                false)
                        .toList();

        JobVertex scoring = taskOf(tasks, "Score sentiment");
        assertTrue(scoring.getName().startsWith("Erase requests to conversations -> "));
        assertTrue(
                scoring.getName().contains("Track conversation"), "chained: " + scoring.getName());
        assertEquals(routing, scoring.getName().contains("Read meaning"));
        assertTrue(
                !taskOf(tasks, "Decide escalation").getName().contains("Track conversation"),
                "Decide escalation is keyed by customer: a task of its own");
    }

    private static JobVertex taskOf(List<JobVertex> tasks, String operator) {
        List<JobVertex> found = tasks.stream().filter(t -> t.getName().contains(operator)).toList();
        assertEquals(1, found.size(), operator + " in " + found);
        return found.get(0);
    }
}
