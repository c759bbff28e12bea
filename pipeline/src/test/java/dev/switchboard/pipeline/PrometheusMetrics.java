package dev.switchboard.pipeline;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** A MiniCluster with Flink's Prometheus reporter on a free port, and reads of what it exports. */
final class PrometheusMetrics {
    /** Every Switchboard metric's name starts so. */
    static final String PREFIX = "flink_taskmanager_job_task_operator_switchboard_";

    final int port = freePort();

    /** One TaskManager with two slots, reporting to {@link #scrape()}. */
    MiniClusterExtension miniCluster() {
        return miniCluster(2);
    }

    /** One TaskManager with {@code slots} slots, reporting to {@link #scrape()}. */
    MiniClusterExtension miniCluster(int slots) {
        Configuration conf = new Configuration();
        conf.setString(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", Integer.toString(port));
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(conf)
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .build());
    }

    String scrape() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The sum over every series of {@code name} whose labels contain {@code labels}. */
    static double sum(String metrics, String name, String labels) {
        double total = 0;
        Matcher m =
                Pattern.compile(
                                "^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$",
                                Pattern.MULTILINE)
                        .matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
