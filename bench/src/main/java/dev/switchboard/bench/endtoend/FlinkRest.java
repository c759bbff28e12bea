package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * What the bench asks of a MiniCluster's REST API: whether every task runs, and the latest
 * checkpoint's size and duration.
 */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FlinkRest() {}

    /** Waits until the job and every one of its tasks run, then a second more. */
    static void awaitRunning(JobClient job, int restPort) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (job.getJobStatus().get() == JobStatus.RUNNING) {
                JsonNode details = rest(restPort, "/jobs/" + job.getJobID());
                boolean allRunning = details != null && details.path("vertices").size() > 0;
                for (JsonNode v :
                        details == null ? JSON.createArrayNode() : details.path("vertices")) {
                    allRunning &= "RUNNING".equals(v.path("status").asText());
                }
                if (allRunning) {
                    Thread.sleep(1000);
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the benchmark job did not start within 60 s");
    }

    /** The latest checkpoint completed after {@code after} (waits up to two intervals for one). */
    static JsonNode latestCheckpoint(
            JobClient job, int restPort, long after, Duration checkpointInterval) throws Exception {
        long deadline =
                System.nanoTime() + checkpointInterval.multipliedBy(3).plusSeconds(5).toNanos();
        JsonNode latest = null;
        while (System.nanoTime() < deadline) {
            JsonNode stats = rest(restPort, "/jobs/" + job.getJobID() + "/checkpoints");
            latest = stats == null ? null : stats.path("latest").path("completed");
            if (latest != null
                    && !latest.isMissingNode()
                    && !latest.isNull()
                    && latest.path("trigger_timestamp").asLong() >= after) {
                return latest;
            }
            Thread.sleep(200);
        }
        return latest == null || latest.isMissingNode() || latest.isNull() ? null : latest;
    }

    /** A GET on the job's REST API; null when it does not answer. */
    static JsonNode rest(int port, String path) {
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://localhost:" + port + path))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
