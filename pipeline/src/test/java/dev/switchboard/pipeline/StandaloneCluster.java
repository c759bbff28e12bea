package dev.switchboard.pipeline;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A standalone Flink 2.2 session cluster as the start scripts of Flink's distribution run it: a
 * JobManager and a TaskManager, each its own JVM ({@code StandaloneSessionClusterEntrypoint},
 * {@code TaskManagerRunner} with the resource flags {@code BashJavaUtils} computes), configured by
 * the {@code config.yaml} of the Docker image. Their classpath is Flink's and the connectors' jars
 * from Maven (the distribution tarball is not on Maven Central); Switchboard's own classes are not
 * on it: they reach the cluster only in the submitted jars, as in production.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Attempts at starting, each on newly chosen ports, before a process's death fails. */
    private static final int START_ATTEMPTS = 3;

    int restPort;

    /**
     * The ports the processes' Prometheus reporters may take, as a range: a reporter that finds its
     * port taken tries the next (and logs the one it took) instead of leaving the process without
     * metrics.
     */
    private String metricsPorts;

    private final Path dir;
    private final List<Launched> processes = new ArrayList<>();

    /** A cluster process and its name, which names its output and log files. */
    private record Launched(String name, Process process) {}

    StandaloneCluster(Path dir) throws Exception {
        this.dir = dir;
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(
                dir.resolve("conf/log4j2.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n",
                        ""));
    }

    /**
     * The cluster configuration the image ships (docker/flink/config.yaml), with this machine's
     * hosts, newly chosen free ports and directories in place of the container's.
     */
    private void writeConfig() throws IOException {
        restPort = freePort();
        int from = freePort();
        metricsPorts = from + "-" + Math.min(65_535, from + 100);
        java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docker", "flink", "config.yaml"))) {
            int colon = line.indexOf(':');
            if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
                conf.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        conf.put("jobmanager.rpc.address", "localhost");
        conf.put("jobmanager.rpc.port", Integer.toString(freePort()));
        conf.put("jobmanager.bind-host", "localhost");
        conf.put("taskmanager.host", "localhost");
        conf.put("taskmanager.bind-host", "localhost");
        conf.put("rest.address", "localhost");
        conf.put("rest.bind-address", "localhost");
        conf.put("rest.port", Integer.toString(restPort));
        conf.put("io.tmp.dirs", dir.resolve("tmp").toString());
        conf.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        conf.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        StringBuilder yaml = new StringBuilder();
        conf.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(dir.resolve("conf/config.yaml"), yaml.toString());
    }

    /** Flink's and the connectors' jars: the test classpath without Switchboard's own modules. */
    static String clusterClasspath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!isSwitchboard(entry)) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static boolean isSwitchboard(String classpathEntry) {
        String e = classpathEntry.replace('\\', '/');
        return e.contains("/dev/switchboard/")
                || e.contains("/switchboard-")
                || e.endsWith("/target/classes")
                || e.endsWith("/target/test-classes");
    }

    /**
     * Switchboard's code as jars to submit: the module jars on the classpath as they are, and the
     * class directories (this module, or a reactor build without packaging) packed into jars.
     */
    static List<String> jobJars(Path workDir) throws IOException {
        List<String> jars = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!isSwitchboard(entry) || entry.endsWith("test-classes")) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = workDir.resolve("job-" + (n++) + ".jar");
                packDirectory(p, jar);
                jars.add(jar.toString());
            } else {
                jars.add(entry);
            }
        }
        return jars;
    }

    private static void packDirectory(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /**
     * Starts the JobManager and then the TaskManager. The ports are chosen free but bound only
     * later, by another process; another socket (a Kafka client's, say) can take one in between,
     * and a process that cannot bind exits. An attempt whose process dies is stopped, reported on
     * stderr with the end of the process's output, and started again on new ports; a death that
     * repeats (a configuration the cluster refuses) fails after {@link #START_ATTEMPTS}.
     */
    void start() throws Exception {
        for (int attempt = 1; ; attempt++) {
            writeConfig();
            try {
                startProcesses();
                return;
            } catch (ProcessDied died) {
                stopProcesses();
                if (attempt == START_ATTEMPTS) {
                    throw died;
                }
                System.err.println(
                        "StandaloneCluster: attempt " + attempt + " failed: " + died.getMessage());
            }
        }
    }

    private void startProcesses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = clusterClasspath();
        String conf = dir.resolve("conf").toString();
        List<String> jobManager = new ArrayList<>(List.of(java, "-Xmx768m"));
        jobManager.addAll(
                logClassAndConfig(
                        "jobmanager",
                        cp,
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        conf));
        jobManager.addAll(List.of("-D", "metrics.reporter.prom.port=" + metricsPorts));
        launch(jobManager, "jobmanager");
        waitFor(() -> get("/overview") != null, "the JobManager's REST API");

        // What flink-daemon.sh does for a TaskManager: ask BashJavaUtils for the memory flags.
        Process utils =
                new ProcessBuilder(
                                java,
                                "-cp",
                                cp,
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                "GET_TM_RESOURCE_PARAMS",
                                "--configDir",
                                conf)
                        .redirectErrorStream(true)
                        .start();
        String output = new String(utils.getInputStream().readAllBytes());
        utils.waitFor();
        List<String> results =
                output.lines()
                        .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                        .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()))
                        .toList();
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils gave no resource parameters: " + output);
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(results.get(0).trim().split("\\s+")));
        command.addAll(
                logClassAndConfig(
                        "taskmanager",
                        cp,
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        conf));
        command.addAll(List.of(results.get(1).trim().split("\\s+")));
        command.add("-D");
        command.add("metrics.reporter.prom.port=" + metricsPorts);
        launch(command, "taskmanager");
        waitFor(
                () -> {
                    String tms = get("/taskmanagers");
                    return tms != null && tms.contains("\"slotsNumber\":2");
                },
                "the TaskManager to register");
    }

    /** A cluster process's log file, classpath, main class and configuration directory. */
    private List<String> logClassAndConfig(
            String name, String classpath, String mainClass, String confDir) {
        return List.of(
                "-Dlog.file=" + dir.resolve("log/" + name + ".log"),
                "-Dlog4j.configurationFile=" + dir.resolve("conf/log4j2.properties").toUri(),
                "-cp",
                classpath,
                mainClass,
                "--configDir",
                confDir);
    }

    private void launch(List<String> command, String name) throws IOException {
        processes.add(
                new Launched(
                        name,
                        new ProcessBuilder(command)
                                .redirectOutput(dir.resolve("log/" + name + ".out").toFile())
                                .redirectErrorStream(true)
                                .start()));
    }

    /** GET on the REST API; null when it does not answer (yet). */
    String get(String path) {
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + restPort + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String taskManagerLog() throws IOException {
        return Files.readString(dir.resolve("log/taskmanager.log"));
    }

    /** The TaskManager's Prometheus endpoint, as a scraper reads it. */
    String scrapeTaskManager() throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + taskManagerMetricsPort()
                                                        + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The port of {@link #metricsPorts} the TaskManager's reporter took, from its log. */
    private int taskManagerMetricsPort() throws IOException {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(
                                "Started PrometheusReporter HTTP server on port (\\d+)")
                        .matcher(taskManagerLog());
        // The last one: the log appends across start attempts, and an earlier attempt's TaskManager
        // may have taken another port before it died.
        String port = null;
        while (m.find()) {
            port = m.group(1);
        }
        if (port == null) {
            throw new IllegalStateException(
                    "the TaskManager's Prometheus reporter did not start on any of "
                            + metricsPorts
                            + "; logs in "
                            + dir.resolve("log"));
        }
        return Integer.parseInt(port);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    void waitFor(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.holds()) {
            for (Launched l : processes) {
                if (!l.process().isAlive()) {
                    throw new ProcessDied(l.name(), what, dir.resolve("log"));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "timed out waiting for " + what + "; logs in " + dir.resolve("log"));
            }
            Thread.sleep(200);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void stopProcesses() throws InterruptedException {
        for (Launched l : processes) {
            l.process().destroy();
        }
        for (Launched l : processes) {
            Process p = l.process();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        processes.clear();
    }

    @Override
    public void close() throws Exception {
        stopProcesses();
    }

    /** A cluster process exited early; the message carries the end of its output and log. */
    static final class ProcessDied extends IllegalStateException {
        private static final int TAIL_LINES = 40;

        ProcessDied(String name, String waitingFor, Path logDir) {
            super(
                    "the "
                            + name
                            + " died waiting for "
                            + waitingFor
                            + "; logs in "
                            + logDir
                            + "; the end of its output and log:\n"
                            + tail(logDir.resolve(name + ".out"))
                            + tail(logDir.resolve(name + ".log")));
        }

        private static String tail(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                return String.join(
                                "\n",
                                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()))
                        + "\n";
            } catch (IOException e) {
                return "(" + file.getFileName() + " unreadable: " + e.getMessage() + ")\n";
            }
        }
    }
}
