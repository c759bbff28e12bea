package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What can be checked of docker/ without a Docker engine or a Kubernetes cluster: the compose file
 * against the Compose Specification's schema, the FlinkDeployment against the Flink Kubernetes
 * Operator's CRD schema, the job arguments of both through the job's own option parsing and
 * validation, and that the image, the compose stack, the FlinkDeployment and the cluster test use
 * the same Flink settings, metrics port and jar.
 */
class DeploymentFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCKER = Path.of("..", "docker");

    @TempDir Path tmp;

    private static JsonNode yaml(Path file) throws Exception {
        return YAML.readTree(file.toFile());
    }

    private static List<JsonNode> yamlDocuments(Path file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static Map<String, String> flinkConfig() throws Exception {
        Map<String, String> keys = new TreeMap<>();
        yaml(DOCKER.resolve("flink/config.yaml"))
                .fields()
                .forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
        return keys;
    }

    /**
     * The job's arguments parsed and validated as `switchboard run` does; file paths inside the
     * image mapped to the repository's.
     */
    private static SwitchboardConfig parseJobArgs(List<String> args, Map<String, Path> files) {
        JobOptions options = new JobOptions();
        List<String> mapped = new ArrayList<>();
        for (String a : args) {
            String m = a;
            for (Map.Entry<String, Path> f : files.entrySet()) {
                m = m.replace(f.getKey(), f.getValue().toString());
            }
            mapped.add(m);
        }
        JobOptions.withConverters(new CommandLine(options))
                .parseArgs(mapped.toArray(new String[0]));
        return options.toConfig();
    }

    @Test
    void composeFileFollowsTheComposeSpecificationAndRunsTheJobWithValidArguments()
            throws Exception {
        JsonNode compose = yaml(DOCKER.resolve("compose.yaml"));
        JsonNode spec;
        try (InputStream in = getClass().getResourceAsStream("/schemas/compose-spec.json")) {
            spec = JSON.readTree(in);
        }
        // The schema names its parts with draft-04 "id"s, which a 2019-09 validator does not know;
        // they identify, they do not constrain, so they go.
        withoutIds(spec);
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(spec);
        Set<ValidationMessage> errors = schema.validate(compose);
        assertTrue(errors.isEmpty(), "compose.yaml: " + errors);

        JsonNode services = compose.path("services");
        assertEquals(
                Set.of(
                        "kafka",
                        "topics",
                        "jobmanager",
                        "taskmanager",
                        "board",
                        "prometheus",
                        "grafana"),
                fieldNames(services));
        List<String> command = new ArrayList<>();
        services.at("/jobmanager/command").forEach(c -> command.add(c.asText()));
        assertEquals(
                List.of(
                        "standalone-job",
                        "--job-classname",
                        "dev.switchboard.pipeline.cli.SwitchboardCommand",
                        "run"),
                command.subList(0, 4));
        SwitchboardConfig config =
                parseJobArgs(
                        command.subList(4, command.size()),
                        Map.of("/opt/switchboard/routing.json", DOCKER.resolve("routing.json")));
        assertEquals("kafka:9092", config.kafka().bootstrapServers());
        assertTrue(
                config.routing().tenants().containsKey("acme"),
                "the stack routes the demo tenants");

        // Every topic the job reads or writes is created by the topics service.
        String topics = services.at("/topics/command/0").asText();
        for (String topic : config.kafka().topics().all()) {
            assertTrue(
                    topics.contains(topic + " ") || topics.contains(topic + ";"),
                    topic + " is not created");
        }

        // The board: the same jar's `board` command, with arguments it accepts and an accounts file
        // it reads.
        List<String> board = new ArrayList<>();
        services.at("/board/command").forEach(c -> board.add(c.asText()));
        assertEquals("board", board.get(0));
        assertEquals(
                "[\"java\",\"-jar\",\"/opt/flink/usrlib/switchboard.jar\"]",
                services.at("/board/entrypoint").toString());
        assertTrue(topics.contains("switchboard.acks "), "the acks topic is created");
        String accountsArg =
                board.stream().filter(a -> a.startsWith("--accounts=")).findFirst().orElseThrow();
        assertTrue(
                services.at("/board/volumes")
                        .toString()
                        .contains(
                                "./board-accounts.json:"
                                        + accountsArg.substring("--accounts=".length())));
        dev.switchboard.board.Accounts.read(DOCKER.resolve("board-accounts.json"));
        picocli.CommandLine boardCli =
                JobOptions.withConverters(
                        new picocli.CommandLine(new dev.switchboard.pipeline.cli.BoardCommand()));
        boardCli.parseArgs(board.subList(1, board.size()).toArray(new String[0]));

        // Prometheus scrapes the reporter's port on both Flink processes.
        String port = flinkConfig().get("metrics.reporter.prom.port");
        JsonNode targets =
                yaml(DOCKER.resolve("prometheus/prometheus.yml"))
                        .at("/scrape_configs/0/static_configs/0/targets");
        assertEquals(
                List.of("jobmanager:" + port, "taskmanager:" + port),
                List.of(targets.get(0).asText(), targets.get(1).asText()));
        // Grafana gets the dashboard the metrics test checks.
        assertTrue(
                services.at("/grafana/volumes")
                        .toString()
                        .contains("./grafana/switchboard-dashboard.json"));
        assertTrue(Files.exists(DOCKER.resolve("grafana/switchboard-dashboard.json")));
    }

    @Test
    void flinkDeploymentFollowsTheOperatorsSchemaAndUsesTheClustersSettings() throws Exception {
        List<JsonNode> docs = yamlDocuments(DOCKER.resolve("kubernetes/switchboard.yaml"));
        JsonNode deployment =
                docs.stream()
                        .filter(d -> d.path("kind").asText().equals("FlinkDeployment"))
                        .findFirst()
                        .orElseThrow();
        JsonNode configMap =
                docs.stream()
                        .filter(d -> d.path("kind").asText().equals("ConfigMap"))
                        .findFirst()
                        .orElseThrow();

        // The CRD of the newest operator API on Maven Central here (1.10.0) predates Flink 2.x: its
        // flinkVersion enum stops at v1_20. Operators from 1.13 on accept v2_2 with the same spec,
        // so
        // the enum is extended by the 2.x values before validating; nothing else is changed.
        JsonNode crd;
        try (InputStream in =
                getClass()
                        .getResourceAsStream(
                                "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            crd = YAML.readTree(in);
        }
        JsonNode version = null;
        for (JsonNode v : crd.at("/spec/versions")) {
            if (v.path("name").asText().equals("v1beta1")) {
                version = v;
            }
        }
        ObjectNode openApi = (ObjectNode) version.at("/schema/openAPIV3Schema");
        ArrayNode versions =
                (ArrayNode) openApi.at("/properties/spec/properties/flinkVersion/enum");
        versions.add("v2_0").add("v2_1").add("v2_2");
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi);
        Set<ValidationMessage> errors = schema.validate(deployment);
        assertTrue(errors.isEmpty(), "FlinkDeployment: " + errors);
        assertEquals("v2_2", deployment.at("/spec/flinkVersion").asText());
        assertEquals("savepoint", deployment.at("/spec/job/upgradeMode").asText());

        // The job: the image's jar and main class, arguments that `switchboard run` accepts, and
        // the
        // routing file the ConfigMap mounts.
        assertEquals(
                "local:///opt/flink/usrlib/switchboard.jar",
                deployment.at("/spec/job/jarURI").asText());
        assertEquals(
                "dev.switchboard.pipeline.cli.SwitchboardCommand",
                deployment.at("/spec/job/entryClass").asText());
        List<String> args = new ArrayList<>();
        deployment.at("/spec/job/args").forEach(a -> args.add(a.asText()));
        assertEquals("run", args.get(0));
        Path routing = tmp.resolve("routing.json");
        Files.writeString(routing, configMap.at("/data/routing.json").asText());
        String mountPath =
                deployment
                        .at("/spec/podTemplate/spec/containers/0/volumeMounts/0/mountPath")
                        .asText();
        SwitchboardConfig config =
                parseJobArgs(
                        args.subList(1, args.size()), Map.of(mountPath + "/routing.json", routing));
        assertEquals("exactly-once", config.kafka().delivery().flag());
        // RocksDB works in a volume of the node's disk (an emptyDir), not in the container's
        // layers.
        JsonNode rocksDbMount = null;
        for (JsonNode m : deployment.at("/spec/podTemplate/spec/containers/0/volumeMounts")) {
            if (m.path("mountPath").asText().equals(config.runtime().rocksDbLocalDir())) {
                rocksDbMount = m;
            }
        }
        assertNotNull(rocksDbMount, "--rocksdb-local-dir is a mounted volume");
        JsonNode rocksDbVolume = null;
        for (JsonNode v : deployment.at("/spec/podTemplate/spec/volumes")) {
            if (v.path("name").asText().equals(rocksDbMount.path("name").asText())) {
                rocksDbVolume = v;
            }
        }
        assertNotNull(rocksDbVolume, "the volume of " + rocksDbMount);
        assertTrue(
                rocksDbVolume.has("emptyDir"),
                "RocksDB's volume is the node's disk: " + rocksDbVolume);

        // The cluster settings: every key of docker/flink/config.yaml that is not about the local
        // processes (memory, slots and storage paths are the deployment's own) with the same value.
        JsonNode flink = deployment.at("/spec/flinkConfiguration");
        for (Map.Entry<String, String> e : flinkConfig().entrySet()) {
            String key = e.getKey();
            if (key.contains("memory") || key.endsWith("-dir") || key.endsWith(".dir")) {
                continue;
            }
            assertEquals(e.getValue(), flink.path(key).asText(null), "flinkConfiguration." + key);
        }
        assertTrue(
                flink.path("execution.checkpointing.dir").asText().startsWith("s3://"),
                "durable checkpoint storage");
        assertEquals("kubernetes", flink.path("high-availability.type").asText());
    }

    @Test
    void theImageCarriesTheJarTheBuildMakesAndTheFilesItNeeds() throws Exception {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("FROM flink:2.2.1-"), "the official Flink 2.2 image");
        List<String> copied = new ArrayList<>();
        for (String line : dockerfile.lines().toList()) {
            if (line.startsWith("COPY ")) {
                copied.add(line.split("\\s+")[1]);
            }
        }
        assertEquals(
                List.of(
                        "pipeline/target/switchboard.jar",
                        "docker/flink/config.yaml",
                        "docker/routing.json"),
                copied);
        // The jar is the shade plugin's output (built by `mvn package`, after the tests).
        assertTrue(
                Files.readString(Path.of("pom.xml"))
                        .contains("<finalName>switchboard</finalName>"));
        for (String file : copied.subList(1, copied.size())) {
            assertTrue(Files.exists(Path.of("..").resolve(file)), file);
        }
        // The compose stack's routing is the demo's.
        assertEquals(
                JSON.readTree(Files.readString(Path.of("src/main/resources/demo/routing.json"))),
                JSON.readTree(Files.readString(DOCKER.resolve("routing.json"))));
    }

    private static void withoutIds(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode id = o.get("id");
            if (id != null
                    && id.isTextual()
                    && (id.asText().startsWith("#") || id.asText().endsWith(".json"))) {
                o.remove("id");
            }
            o.forEach(DeploymentFilesTest::withoutIds);
        } else if (node instanceof ArrayNode a) {
            a.forEach(DeploymentFilesTest::withoutIds);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
